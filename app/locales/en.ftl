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

## Errors shown for server answers
error-not-found = That was not found, or you may not see it.
error-invalid-input = Some of what you entered is not valid.
error-unauthorized = Please sign in to continue.
error-bad-credentials = Incorrect username or password.
error-mfa-required = Enter the 6-digit code from your authenticator app, or a backup code.
error-forbidden = You do not have permission to do that.
error-conflict = That conflicts with something that already exists.
error-rate-limited = Too many attempts. Wait a few minutes and try again.

## Password rules
password-too-short = The password must be at least 8 characters long.
password-too-long = The password must be at most 256 characters long.
password-needs-uppercase = The password needs an upper-case letter.
password-needs-lowercase = The password needs a lower-case letter.
password-needs-digit = The password needs a digit.
password-needs-special = The password needs a special character, such as ! or #.
password-contains-username = The password must not contain your username.

## Accounts
nav-sign-in = Sign in
nav-register = Create an account
nav-profile = Profile
nav-admin-sessions = Sessions (admin)
nav-sign-out = Sign out
nav-signed-in-as = Signed in as { $name }
home-sign-in-prompt = Sign in to see and book resources.
field-username = Username
field-password = Password
field-email = E-mail (optional)
password-hint = At least 8 characters with upper- and lower-case letters, a digit and a special character; not your username.
login-heading = Sign in
login-mfa-code = Authentication code
login-submit = Sign in
login-registered = Your account is ready. Sign in to continue.
login-no-account = New here?
register-heading = Create an account
register-submit = Create account
setup-heading = Set up Reserver
setup-intro = Create the first administrator. This page works only once.
setup-submit = Create administrator
setup-done = Reserver is already set up.
profile-heading = Your profile
admin-sessions-heading = Everyone’s sessions
sessions-heading = Signed-in sessions
sessions-user = User
sessions-device = Browser
sessions-address = Address
sessions-last-used = Last used
sessions-actions = Actions
sessions-current = (this session)
sessions-revoke = Sign out this session
