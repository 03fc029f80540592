## Application shell
app-name = Reserver
app-title = Reserver: reserva salas, puestos, equipos y personas
skip-to-content = Saltar al contenido principal
nav-label = Navegación principal
nav-home = Inicio
language-label = Idioma
lang-en = English
lang-es = Español
lang-fr = Français
footer-tagline = Reserver comparte salas, puestos, equipos y personas sin reservas duplicadas.
footer-version = Versión { $version }

## Home page
home-heading = Reserva lo que comparte tu equipo
home-intro = Encuentra una sala, un puesto, un equipo o una persona libre y resérvalo en segundos.
home-resources-heading = Recursos
home-resources-count = { $count ->
    [0] Todavía no hay recursos.
    [one] Un recurso.
   *[other] { $count } recursos.
}
home-resources-empty = Un administrador añade aquí salas, puestos y equipos.
loading = Cargando…

## Errors
not-found-heading = Página no encontrada
not-found-body = No hay ninguna página en esta dirección. Revisa el enlace o vuelve a la página de inicio.
not-found-home-link = Ir a la página de inicio
error-unavailable = El servicio no está disponible en este momento. Inténtalo de nuevo en un momento.
error-generic = Algo salió mal. Inténtalo de nuevo en un momento.

## Errors shown for server answers
error-not-found = No se encontró, o no tienes permiso para verlo.
error-invalid-input = Parte de lo que has introducido no es válido.
error-unauthorized = Inicia sesión para continuar.
error-bad-credentials = Usuario o contraseña incorrectos.
error-mfa-required = Introduce el código de 6 dígitos de tu aplicación de autenticación o un código de respaldo.
error-forbidden = No tienes permiso para hacer eso.
error-conflict = Eso entra en conflicto con algo que ya existe.
error-rate-limited = Demasiados intentos. Espera unos minutos y vuelve a intentarlo.

## Password rules
password-too-short = La contraseña debe tener al menos 8 caracteres.
password-too-long = La contraseña debe tener como máximo 256 caracteres.
password-needs-uppercase = La contraseña necesita una letra mayúscula.
password-needs-lowercase = La contraseña necesita una letra minúscula.
password-needs-digit = La contraseña necesita un dígito.
password-needs-special = La contraseña necesita un carácter especial, como ! o #.
password-contains-username = La contraseña no debe contener tu nombre de usuario.

## Accounts
nav-sign-in = Iniciar sesión
nav-register = Crear una cuenta
nav-profile = Perfil
nav-admin-sessions = Sesiones (admin)
nav-sign-out = Cerrar sesión
nav-signed-in-as = Sesión iniciada como { $name }
home-sign-in-prompt = Inicia sesión para ver y reservar recursos.
field-username = Nombre de usuario
field-password = Contraseña
field-email = Correo electrónico (opcional)
password-hint = Al menos 8 caracteres con mayúsculas y minúsculas, un dígito y un carácter especial; no tu nombre de usuario.
login-heading = Iniciar sesión
login-mfa-code = Código de autenticación
login-submit = Iniciar sesión
login-registered = Tu cuenta está lista. Inicia sesión para continuar.
login-no-account = ¿Eres nuevo?
register-heading = Crear una cuenta
register-submit = Crear cuenta
setup-heading = Configurar Reserver
setup-intro = Crea el primer administrador. Esta página solo funciona una vez.
setup-submit = Crear administrador
setup-done = Reserver ya está configurado.
profile-heading = Tu perfil
admin-sessions-heading = Sesiones de todos
sessions-heading = Sesiones abiertas
sessions-user = Usuario
sessions-device = Navegador
sessions-address = Dirección
sessions-last-used = Último uso
sessions-actions = Acciones
sessions-current = (esta sesión)
sessions-revoke = Cerrar esta sesión
