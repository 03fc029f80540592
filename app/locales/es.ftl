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
home-resources-count = { $count ->
    [0] Todavía no hay recursos.
    [one] Un recurso.
   *[other] { $count } recursos.
}
loading = Cargando…

## Errors
not-found-heading = Página no encontrada
not-found-body = No hay ninguna página en esta dirección. Revisa el enlace o vuelve a la página de inicio.
not-found-home-link = Ir a la página de inicio
offline-heading = No tienes conexión
offline-body = Esta página no se guardó en este dispositivo, así que no se puede mostrar sin conexión. Puede que aún puedas consultar las páginas de reservas que abriste hace poco:
offline-saved-copy = No tienes conexión: esta es una copia guardada de esta página, tal como estaba la última vez que la abriste. Puede que no esté actualizada.
error-unavailable = El servicio no está disponible en este momento. Inténtalo de nuevo en un momento.
error-generic = Algo salió mal. Inténtalo de nuevo en un momento.
not-loaded-heading = No se pudo cargar esta página
not-loaded-page = Reserver no pudo descargar el código de esta página: puede que no haya conexión o que Reserver se haya actualizado desde que la abrió. Al volver a cargar la página se soluciona, una vez que tenga conexión.
not-loaded-reload = Volver a cargar la página

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

## Profile
profile-details-heading = Tus datos
profile-display-name = Nombre
profile-timezone = Zona horaria
profile-timezone-hint = Un nombre IANA como Europe/Madrid o America/Mexico_City.
profile-save = Guardar
profile-saved = Guardado.
profile-password-heading = Cambiar la contraseña
profile-current-password = Contraseña actual
profile-new-password = Contraseña nueva
profile-password-submit = Cambiar la contraseña
profile-must-change-password = Un administrador ha restablecido tu contraseña: elige una nueva a continuación.
profile-password-changed = Tu contraseña se ha cambiado.
mfa-heading = Verificación en dos pasos
mfa-status-on = La verificación en dos pasos está activada: al iniciar sesión se pide un código de tu aplicación.
mfa-status-off = La verificación en dos pasos está desactivada.
mfa-begin = Configurar la verificación en dos pasos
mfa-scan = Escanea este código con tu aplicación de autenticación y escribe el código de 6 cifras que muestra.
mfa-qr-label = Código QR para tu aplicación de autenticación
mfa-manual = O escribe esta clave a mano:
mfa-confirm = Activar
mfa-disable = Desactivar
mfa-enabled-now = La verificación en dos pasos ya está activada.
mfa-backup-codes = Códigos de respaldo
mfa-backup-codes-hint = Cada código sirve una vez si pierdes el teléfono. Guárdalos en un lugar seguro: solo se muestran ahora.
tokens-heading = Tokens de API
tokens-intro = Los tokens permiten que los scripts usen la API en tu nombre. Cada uno se muestra una sola vez, al crearlo.
tokens-name = Nombre del token
tokens-days = Válido durante (días)
tokens-create = Crear token
tokens-shown-once = Copia este token ahora: no se volverá a mostrar.
tokens-none = No tienes tokens de API.
tokens-expires = caduca el { $date }
tokens-revoke = Revocar
feed-heading = Suscripción de calendario
feed-intro = Suscríbete a esta dirección desde tu aplicación de calendario para ver allí tus reservas. Mantenla en privado: cualquiera que la tenga puede leer tus reservas.
feed-address = Dirección de tu calendario
feed-renew = Obtener una dirección nueva
feed-renewed = Aquí tienes una dirección nueva. La anterior ya no funciona.

## Administration
nav-admin-users = Usuarios
nav-admin-roles = Roles
nav-admin-groups = Grupos
admin-description = Descripción
search-submit = Buscar
admin-users-heading = Usuarios
admin-users-search = Buscar usuarios
admin-users-none = Ningún usuario coincide.
admin-users-roles = Roles
admin-users-groups = Grupos
admin-users-status = Estado
admin-users-active = Activo
admin-users-disabled = Desactivado
admin-users-new = Nuevo usuario
admin-users-temporary-password = Contraseña temporal
admin-users-create = Crear usuario
admin-users-created = Se ha creado el usuario. Elegirá su propia contraseña al iniciar sesión por primera vez.
admin-users-back = Volver a usuarios
admin-users-active-label = Cuenta activa (sin marcar: la persona no puede iniciar sesión)
admin-users-reset-heading = Restablecer la contraseña
admin-users-reset-intro = Pone una contraseña temporal, cierra todas las sesiones de la persona y le pide elegir una contraseña nueva.
admin-users-reset-submit = Restablecer la contraseña
admin-users-reset-done = Se ha restablecido la contraseña.
admin-roles-heading = Roles
admin-roles-name = Nombre del rol
admin-roles-holders = Personas
admin-roles-holder-count = { $count ->
    [0] nadie
    [one] una persona
   *[other] { $count } personas
}
admin-roles-builtin = predefinido
admin-roles-new = Nuevo rol
admin-roles-create = Crear rol
admin-roles-created = Se ha creado el rol. Ábrelo para elegir sus permisos.
admin-roles-back = Volver a roles
admin-roles-matrix = Permisos: qué puede hacer el rol y sobre qué registros
admin-roles-delete = Eliminar este rol
admin-groups-heading = Grupos
admin-groups-none = Todavía no hay grupos.
admin-groups-members = Miembros
admin-groups-remove = Quitar
admin-groups-add-label = Añadir un miembro (nombre de usuario)
admin-groups-add = Añadir
admin-groups-delete = Eliminar el grupo
admin-groups-delete-named = Eliminar el grupo { $name }
admin-groups-new = Nuevo grupo
admin-groups-name = Nombre del grupo
admin-groups-create = Crear grupo
perm-model = Registros
perm-model-resource = Recursos
perm-model-reservation = Reservas
perm-model-waitlist = Lista de espera
perm-model-approval = Aprobaciones
perm-model-user = Usuarios
perm-model-role = Roles
perm-model-permission = Permisos
perm-model-group = Grupos
perm-model-session = Sesiones
perm-model-audit = Registro de auditoría
perm-model-analytics = Estadísticas
perm-model-webhook = Webhooks
perm-model-settings = Configuración
perm-action-create = Crear
perm-action-read = Ver
perm-action-update = Cambiar
perm-action-delete = Eliminar
perm-scope-all = todos
perm-scope-group = grupo
perm-scope-own = propios

## Catálogo y disponibilidad
nav-resources = Recursos
catalog-heading = Recursos
catalog-filters = Filtrar recursos
catalog-search = Buscar
catalog-type = Tipo
catalog-status = Estado
catalog-any = Cualquiera
catalog-min-capacity = Capacidad mínima
catalog-sort = Ordenar por
catalog-tags = Etiquetas
catalog-apply = Aplicar filtros
sort-created = Más recientes al final
sort-name = Nombre (A–Z)
sort-name-desc = Nombre (Z–A)
sort-capacity = Capacidad (menor primero)
sort-capacity-desc = Capacidad (mayor primero)
status-available = Disponible
status-maintenance = En mantenimiento
status-unavailable = No disponible
resource-heading = Recurso
resource-capacity = { $count ->
    [one] { $count } plaza
   *[other] { $count } plazas
}
resource-capacity-label = Capacidad
resource-group = Ubicación
resource-timezone = Zona horaria
resource-approval = Aprobación
resource-approval-needed = Las reservas necesitan la aprobación de un responsable
resource-rules-heading = Reglas de reserva
resource-week-heading = Disponibilidad desde el { $date }
resource-times-in-zone = Las horas se muestran en { $zone }.
resource-times-in-both-zones = Las horas se muestran en { $zone }, donde está el recurso, y en tu zona ({ $yours }) debajo de cada una.
resource-day-blackout = Cerrado todo el día.
resource-day-closed = No abre este día.
resource-free-slots = { $count ->
    [0] Ninguna hora libre
    [one] { $count } hora libre
   *[other] { $count } horas libres
}
slot-free = libre
slot-busy = ocupado
rule-none = Sin límites: cualquier duración, con cualquier antelación.
rule-min-duration = Al menos { $count } minutos por reserva.
rule-max-duration = Como máximo { $count } minutos por reserva.
rule-buffer-before = Se dejan { $count } minutos libres antes de cada reserva.
rule-buffer-after = Se dejan { $count } minutos libres después de cada reserva.
rule-min-notice = Reserve con al menos { $count } minutos de antelación.
rule-horizon = Reserve con un máximo de { $count } días de antelación.
rule-granularity = Las reservas empiezan y terminan en pasos de { $count } minutos.
weekday-0 = Lunes
weekday-1 = Martes
weekday-2 = Miércoles
weekday-3 = Jueves
weekday-4 = Viernes
weekday-5 = Sábado
weekday-6 = Domingo
rule-bad-clock = Las horas se escriben HH:MM, de 00:00 a 24:00.
rule-close-not-after-open = La hora de cierre debe ser posterior a la de apertura.
rule-bad-weekday = Elija un día de lunes a domingo.
rule-overlapping-hours = Los horarios de un mismo día se solapan.
rule-min-above-max = La duración mínima supera la máxima.
rule-out-of-range = Un límite está fuera de rango.
rule-empty-closure = La excepción debe terminar después de empezar.
violation-end-not-after-start = El final debe ser posterior al inicio.
violation-starts-in-past = El inicio ya ha pasado.
violation-notice-too-short = Este recurso debe reservarse con más antelación.
violation-beyond-horizon = Es demasiado pronto para reservar esa fecha.
violation-too-short = Más corta que el mínimo de este recurso.
violation-too-long = Más larga que el máximo de este recurso.
violation-not-aligned = El inicio y el final deben caer en los pasos horarios del recurso.
violation-outside-business-hours = Fuera del horario de apertura.
violation-blackout = Ese día está cerrado.
violation-closed = El recurso está cerrado en ese momento.
violation-resource-not-bookable = Este recurso no se puede reservar ahora.
violation-quota-reservations = Has alcanzado tu límite de reservas para ese día o semana.
violation-quota-minutes = Esto superaría tus horas reservadas para ese día o semana.
nav-admin-catalog = Catálogo
admin-none = Ninguno
admin-catalog-heading = Gestionar recursos
admin-catalog-more = Más ajustes del catálogo
admin-catalog-count = { $count ->
    [one] { $count } recurso
   *[other] { $count } recursos
}
admin-catalog-name = Nombre
admin-catalog-new = Nuevo recurso
admin-catalog-create = Crear recurso
admin-catalog-back = Volver a los recursos
admin-catalog-public-page = Ver su página pública
admin-catalog-timezone-hint = Una zona horaria IANA como Europe/Madrid; el horario del recurso está en esta zona.
admin-catalog-tags-hint = Separadas por comas.
admin-catalog-approvers = Aprobadores
admin-catalog-approvers-hint = Nombres de usuario, separados por comas.
admin-catalog-attributes = Otros atributos
admin-catalog-attributes-hint = Uno por línea, escrito nombre = valor.
admin-catalog-delete-heading = Eliminar
admin-catalog-delete-named = Eliminar { $name }
admin-types-heading = Tipos de recurso
admin-types-name = Nombre del tipo
admin-types-color = Color
admin-types-count = { $count ->
    [one] { $count } recurso
   *[other] { $count } recursos
}
admin-types-delete = Eliminar
admin-types-delete-named = Eliminar el tipo { $name }
admin-types-new = Nuevo tipo
admin-types-create = Crear tipo
admin-rules-global-heading = Reglas para todos los recursos
admin-rules-global-intro = Estas reglas se aplican a todos los recursos salvo que su grupo o el propio recurso fijen las suyas.
admin-rules-group-heading = Reglas del grupo
admin-rules-limits-heading = Límites de reserva
admin-rules-limits-intro = En minutos, salvo la antelación máxima, en días. Deje un campo vacío para usar la regla del nivel superior.
admin-rules-min-duration = Duración mínima
admin-rules-max-duration = Duración máxima
admin-rules-buffer-before = Tiempo libre antes de cada reserva
admin-rules-buffer-after = Tiempo libre después de cada reserva
admin-rules-min-notice = Antelación mínima
admin-rules-horizon = Antelación máxima (días)
admin-rules-granularity = Intervalo de tiempo
admin-rules-inherited = Vacío: { $value } del nivel superior.
admin-rules-no-limit = Vacío: sin límite.
admin-rules-save-limits = Guardar límites
admin-rules-hours-heading = Horario de apertura
admin-rules-hours-hint = Por día, por ejemplo 09:00-12:00, 13:00-17:00. Deje un día vacío para cerrarlo; deje todos vacíos para usar el horario del nivel superior.
admin-rules-hours-from-group = Sin horario propio: se aplica el de { $group }.
admin-rules-hours-from-global = Sin horario propio: se aplica el de todos los recursos.
admin-rules-hours-open-all-day = Ningún horario aquí ni arriba: abierto todo el día, todos los días.
admin-rules-save-hours = Guardar horario
admin-rules-blackouts-heading = Días cerrados
admin-rules-date = Fecha
admin-rules-reason = Motivo
admin-rules-add-blackout = Añadir día cerrado
admin-rules-exceptions-heading = Excepciones
admin-rules-starts = Empieza
admin-rules-ends = Termina
admin-rules-add-exception = Añadir excepción
admin-rules-remove-named = Quitar { $name }
admin-groups-back = Volver a los grupos
admin-groups-parent = Dentro del grupo
admin-groups-top-level = Ninguno (nivel superior)
admin-groups-move = Mover
admin-groups-rules = Reglas de reserva y horario
admin-import-heading = Importar desde CSV
admin-import-hint = Columnas: name, description, status, type, tags, group, capacity, timezone, requires_approval, attributes. Primero se revisan todas las filas: se importan todas o ninguna.
admin-import-file = Archivo CSV
admin-import-submit = Importar
admin-import-uploading = Subiendo: { $percent } %
admin-import-checking = Subido; revisando cada fila…
admin-import-done = { $count ->
    [one] Se importó { $count } recurso.
   *[other] Se importaron { $count } recursos.
}
admin-import-refused = { $count ->
    [one] No se importó nada: { $count } problema en el archivo.
   *[other] No se importó nada: { $count } problemas en el archivo.
}
admin-import-row = Fila
admin-import-column = Columna
admin-import-problem = Problema
admin-import-unreadable = No se pudo leer el archivo: debe ser un CSV de 10 MB como máximo.
admin-export = Exportar todos los recursos en CSV
slot-mine = tuya
slot-mine-pending = tuya, pendiente de aprobación
slot-your-time = { $start }–{ $end } en tu hora
slot-your-time-day-before = { $start }–{ $end } en tu hora, el día anterior
slot-your-time-day-after = { $start }–{ $end } en tu hora, el día siguiente
slot-pending = pendiente de aprobación
slot-blocked = no reservable
slot-selected = seleccionada
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
date-long = { $weekday }, { $day } de { $month }
week-nav-label = Páginas del calendario
week-previous = Anterior
week-next = Siguiente
grid-help = Elija una hora libre para reservarla. Con el teclado: las flechas se mueven, Intro empieza una selección y otro Intro la termina, Escape la descarta. Con el ratón también puede arrastrar sobre varias horas libres; en una pantalla táctil, mantenga pulsada una hora libre y deslice hasta la última.
grid-selection-started = La selección empieza a las { $start }. Vaya a la última hora y pulse Intro.
booking-dialog-heading = Nueva reserva
booking-date = Fecha
booking-start = Inicio
booking-end = Fin
booking-time-hint = Las horas se escriben HH:MM, como 09:30. Si la hora de fin es anterior a la de inicio, la reserva termina al día siguiente.
booking-ends-next-day = Termina al día siguiente ({ $date }).
booking-title = Título (opcional)
booking-bad-time = Escriba el inicio y el fin como HH:MM.
booking-checking = Comprobando…
booking-free = Libre: puede reservarla.
booking-free-approval = Libre: su solicitud esperará a un aprobador.
booking-not-possible = No se puede reservar:
booking-conflict = Se solapa con una reserva de { $start } a { $end }.
booking-conflict-on = Se solapa con una reserva del { $date }, de { $start } a { $end }.
booking-submit = Reservar
booking-close = Cancelar
booking-booked = Reservado: { $date }, { $start }–{ $end }.
booking-not-loaded = No se pudo cargar el formulario de reserva. Compruebe su conexión e inténtelo de nuevo; si sigue ocurriendo, vuelva a cargar la página.
booking-requested = Solicitado: { $date }, { $start }–{ $end }. Un aprobador decidirá.
booking-see-mine = Ver mis reservas
nav-my-bookings = Mis reservas
reservations-heading = Mis reservas
reservations-upcoming = Próximas
reservations-past = Pasadas
reservations-ended = Canceladas y rechazadas
reservations-empty = Ninguna.
reservations-when = { $date }, { $start }–{ $end } ({ $zone })
time-next-day = { $time } del día siguiente
time-on-date = { $time } del { $date }
reservations-in-series = parte de una serie
reservations-cancel = Cancelar reserva
reservations-cancel-named = Cancelar reserva: { $name }
reservations-cancel-question = ¿Cancelar esta reserva?
reservations-cancel-yes = Sí, cancelarla
reservations-cancel-this = Solo esta
reservations-cancel-following = Esta y las siguientes
reservations-cancel-series = Toda la serie
reservations-keep = Mantenerla
reservations-cancelled = { $count ->
    [one] Reserva cancelada.
   *[other] { $count } reservas canceladas.
}
reservation-status-active = Confirmada
reservation-status-pending = Pendiente de aprobación
reservation-status-held = Retenida para usted
reservation-status-cancelled = Cancelada
reservation-status-rejected = Rechazada
reservation-status-expired = Caducada
nav-approvals = Aprobaciones
approvals-heading = Aprobaciones
approvals-pending = En espera
approvals-approved = Aprobadas esta semana
approvals-rejected = Rechazadas esta semana
approvals-none = Nada por aquí.
approvals-requested-by = Solicitada por { $name }
approvals-reason = Motivo (opcional)
approvals-reason-given = Motivo: { $reason }
approvals-approve = Aprobar
approvals-reject = Rechazar
approvals-approve-named = Aprobar la reserva de { $name } en { $resource }
approvals-reject-named = Rechazar la reserva de { $name } en { $resource }
approvals-approved-notice = Aprobada: la reserva queda confirmada.
approvals-rejected-notice = Rechazada: el horario vuelve a estar libre.
nav-waitlist = Lista de espera
waitlist-heading = Mi lista de espera
waitlist-intro = Cuando se libera un horario que espera, se le reserva durante un tiempo: acéptelo antes de que acabe la cuenta atrás o pasará a la siguiente persona.
waitlist-empty = No espera nada.
waitlist-wanted = Deseado: { $when }
waitlist-offer = Ofrecido a usted: { $when }
waitlist-held-for = Reservado para usted durante { $time }
waitlist-offer-ended = La oferta ha terminado.
waitlist-position = { $position ->
    [one] el siguiente en la lista
   *[other] número { $position } en la lista
}
waitlist-status-waiting = En espera
waitlist-status-offered = Ofrecido
waitlist-status-accepted = Aceptado
waitlist-status-declined = Rechazado
waitlist-status-expired = Oferta caducada
waitlist-status-cancelled = Abandonado
waitlist-accept = Aceptar
waitlist-accept-named = Aceptar la oferta de { $name }
waitlist-decline = Rechazar
waitlist-decline-named = Rechazar la oferta de { $name }
waitlist-leave = Salir de la lista
waitlist-leave-named = Salir de la lista de { $name }
waitlist-accepted = Aceptado: ya es una de sus reservas.
waitlist-declined = Rechazado: el horario pasa a la siguiente persona.
waitlist-left = Ha salido de la lista.
booking-join-waitlist = Apuntarse a la lista de espera para este horario
booking-joined = Está en la lista de espera para { $date }, { $start }–{ $end }.
booking-see-waitlist = Ver mi lista de espera
booking-times-in-zone = La fecha y las horas están en { $zone }, donde está el recurso.
booking-repeat = Repetir
booking-repeat-none = No se repite
booking-repeat-daily = Cada día
booking-repeat-weekly = Cada semana
booking-repeat-monthly = Cada mes
booking-repeat-count = Número de veces
booking-repeat-until = O hasta (fecha)
booking-repeat-hint = Con una fecha de fin, no se usa el número de veces. Una serie tiene como máximo 366 reservas.
booking-series-summary = En la serie: { $total }. Se pueden reservar: { $free }. Se omitirán: { $skipped }.
occurrence-free = { $when }: libre
occurrence-skipped = { $when }: se omitirá. { $reasons }
booking-series-booked = Reservadas { $created } de { $total } de la serie.
booking-series-requested = Solicitadas { $created } de { $total } de la serie. Un aprobador decidirá.
booking-series-skipped-heading = Omitidas, porque no se pueden reservar:
home-today = Hoy
home-today-empty = Nada reservado para hoy.
home-next = Próximamente
home-next-empty = Nada más reservado todavía.
home-all-bookings = Todas mis reservas
home-free-heading = Libre ahora
home-free-empty = Nada de este tipo está libre la próxima media hora.
home-free-from = Libre desde las { $start }
home-free-show = Mostrar
home-book-now = Reservar ahora
home-book-now-label = Reservar ahora: { $name }
palette-open = Comandos
palette-heading = Comandos
palette-label = Comando
palette-new-booking = Nueva reserva
palette-today = Reservas de hoy
palette-available-now = { $type } disponible ahora
palette-language = Idioma: { $language }
palette-go-to = Ir a { $name }
palette-nothing = Ningún comando coincide.
palette-not-loaded = No se pudieron cargar los comandos. Compruebe su conexión e inténtelo de nuevo.
booking-in-your-zone = En su zona: { $when }
month-year = { $month } de { $year }
resource-day-heading = Disponibilidad el { $date }
resource-month-heading = Disponibilidad en { $month }
view-label = Vista del calendario
view-day = Día
view-week = Semana
view-month = Mes
nav-timeline = Cronograma
timeline-heading = Cronograma del día
timeline-count = Se muestran { $shown } de { $matching } recursos.
timeline-help = Elija una hora libre para reservarla. Con el teclado: las flechas izquierda y derecha recorren las horas de un recurso, arriba y abajo pasan de un recurso a otro, Intro reserva.
timeline-your-zone = Las horas de cada fila están en la zona de su recurso; cuando no es la tuya ({ $yours }), tu hora aparece debajo de cada una.
reservations-move = Mover
reservations-move-named = Mover la reserva: { $name }
reservations-ics = Añadir al calendario (.ics)
reservations-ics-named = Añadir al calendario (.ics): { $name }
reservations-move-submit = Mover la reserva
reservations-move-taken = Esa hora ya está reservada. Su reserva no se ha movido.
reservations-move-refused = Las reglas no permiten esa hora. Su reserva no se ha movido.
reservations-moved = Movida a { $when }.

## Notifications
nav-notifications = Notificaciones
notifications-heading = Notificaciones
notifications-intro = Lo que ha pasado con tus reservas y lo que te espera.
notifications-empty = Nada todavía: aquí leerás cuando una reserva se confirme, se apruebe, se mueva o se cancele.
notifications-unread = { $count ->
    [0] Ninguna notificación sin leer.
    [one] Una notificación sin leer.
   *[other] { $count } notificaciones sin leer.
}
notifications-mark-all = Marcar todo como leído
notifications-mark-read = Marcar como leída
notifications-mark-read-named = Marcar como leída: { $name }
notifications-new = Nueva
notifications-open = Abrir
notifications-received = Recibida el { $date }, { $time }
notifications-marked = Marcada como leída.
notifications-all-marked = Todas las notificaciones marcadas como leídas.
notification-reason = Motivo: { $reason }
notification-reservation-confirmed-title = Reserva confirmada
notification-reservation-confirmed = Tu reserva de { $resource } el { $when } está confirmada.
notification-reservation-pending-title = Reserva pendiente de aprobación
notification-reservation-pending = Tu reserva de { $resource } el { $when } espera a un aprobador.
notification-reservation-approved-title = Reserva aprobada
notification-reservation-approved = Tu reserva de { $resource } el { $when } ha sido aprobada.
notification-reservation-rejected-title = Reserva rechazada
notification-reservation-rejected = Tu reserva de { $resource } el { $when } ha sido rechazada.
notification-reservation-rescheduled-title = Reserva movida
notification-reservation-rescheduled = Tu reserva de { $resource } se ha movido al { $when }.
notification-reservation-cancelled-title = Reserva cancelada
notification-reservation-cancelled = Tu reserva de { $resource } el { $when } ha sido cancelada.
notification-series-confirmed-title = Reserva periódica confirmada
notification-series-confirmed = { $count ->
    [one] Tu reserva de { $resource } el { $when } está confirmada.
   *[other] Tus { $count } reservas de { $resource } desde el { $when } están confirmadas.
}
notification-series-pending-title = Reserva periódica pendiente de aprobación
notification-series-pending = { $count ->
    [one] Tu reserva de { $resource } el { $when } espera aprobación.
   *[other] Tus { $count } reservas de { $resource } desde el { $when } esperan aprobación.
}
notification-series-cancelled-title = Reserva periódica cancelada
notification-series-cancelled = { $count ->
    [one] Tu reserva de { $resource } el { $when } ha sido cancelada.
   *[other] Se han cancelado { $count } de tus reservas de { $resource }, desde el { $when }.
}
notification-approval-requested-title = Aprobación solicitada
notification-approval-requested = { $count ->
    [one] { $person } pide reservar { $resource } el { $when }.
   *[other] { $person } pide reservar { $resource } { $count } veces desde el { $when }.
}
notification-waitlist-offer-title = Se ha liberado un horario que esperabas
notification-waitlist-offer = { $resource } el { $when } está apartado para ti: acéptalo en tu lista de espera antes de que termine la oferta.
notification-waitlist-offer-expired-title = Oferta de la lista de espera terminada
notification-waitlist-offer-expired = La oferta de { $resource } el { $when } terminó sin respuesta y pasó a la siguiente persona.

# /admin/analytics
nav-admin-analytics = Estadísticas
analytics-heading = Estadísticas
analytics-intro = Cuánto se usa cada recurso que gestionas y cuándo se reserva. Las horas del día son las locales de cada recurso.
analytics-period = Periodo
analytics-days = Últimos { $count } días
analytics-next-days = Próximos { $count } días
analytics-overview = Resumen
analytics-resources = Recursos
analytics-bookings = Reservas
analytics-active = Activas
analytics-pending = Pendientes de aprobación
analytics-cancelled = Canceladas
analytics-cancellation-rate = Tasa de cancelación
analytics-average-utilization = Ocupación media
analytics-percent = { $value } %
analytics-utilization-heading = Ocupación por recurso
analytics-resource = Recurso
analytics-booked-hours = Horas reservadas
analytics-open-hours = Horas de apertura
analytics-utilization = Ocupación
analytics-no-resources = No hay recursos sobre los que informar.
analytics-peaks-heading = Horas punta
analytics-peak-summary = Hora con más reservas: { $hours }. Día con más reservas: { $day }.
analytics-no-bookings = No se reservó nada en este periodo.
analytics-by-day = Reservas por día de la semana
analytics-by-hour = Reservas por hora del día
analytics-day = Día
analytics-hour = Hora
analytics-downloads = Descargas
analytics-download-utilization = Ocupación por recurso (CSV)
analytics-download-reservations = Reservas del periodo (CSV)
