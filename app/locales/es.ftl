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
