## Application shell
app-name = Reserver
app-title = Reserver: book rooms, desks, equipment and people
skip-to-content = Skip to main content
nav-label = Main navigation
nav-home = Home
language-label = Language
lang-en = English
lang-es = Español
lang-fr = Français
footer-tagline = Reserver shares rooms, desks, equipment and people without double-booking.
footer-version = Version { $version }

## Home page
home-heading = Book what your team shares
home-intro = Find a free room, desk, piece of equipment or person, and book it in seconds.
home-resources-heading = Resources
home-resources-count = { $count ->
    [0] No resources yet.
    [one] One resource.
   *[other] { $count } resources.
}
home-resources-empty = An administrator adds rooms, desks and equipment here.
loading = Loading…

## Errors
not-found-heading = Page not found
not-found-body = There is no page at this address. Check the link, or go back to the home page.
not-found-home-link = Go to the home page
error-unavailable = The service is temporarily unavailable. Try again in a moment.
error-generic = Something went wrong. Try again in a moment.
