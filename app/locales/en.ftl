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
home-resources-count = { $count ->
    [0] No resources yet.
    [one] One resource.
   *[other] { $count } resources.
}
loading = Loading…

## Errors
not-found-heading = Page not found
not-found-body = There is no page at this address. Check the link, or go back to the home page.
not-found-home-link = Go to the home page
offline-heading = You are offline
offline-body = This page was not saved on this device, so it cannot be shown without a connection. Pages of bookings you opened recently may still be readable:
offline-saved-copy = You are offline: this is a saved copy of this page, as it was when you last opened it. It may be out of date.
error-unavailable = The service is temporarily unavailable. Try again in a moment.
error-generic = Something went wrong. Try again in a moment.
not-loaded-heading = This page could not be loaded
not-loaded-page = Reserver could not fetch this page’s code: the connection may be down, or Reserver was updated since you opened it. Loading the page again fixes it once you are online.
not-loaded-reload = Load the page again

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

## Profile
profile-details-heading = Your details
profile-display-name = Name
profile-timezone = Time zone
profile-timezone-hint = An IANA name such as Europe/Paris or America/New_York.
profile-save = Save
profile-saved = Saved.
profile-password-heading = Change password
profile-current-password = Current password
profile-new-password = New password
profile-password-submit = Change password
profile-must-change-password = An administrator has reset your password: choose a new one below.
profile-password-changed = Your password has been changed.
mfa-heading = Two-factor authentication
mfa-status-on = Two-factor authentication is on: signing in asks for a code from your app.
mfa-status-off = Two-factor authentication is off.
mfa-begin = Set up two-factor authentication
mfa-scan = Scan this code with your authenticator app, then enter the 6-digit code it shows.
mfa-qr-label = QR code for your authenticator app
mfa-manual = Or enter this key by hand:
mfa-confirm = Turn on
mfa-disable = Turn off
mfa-enabled-now = Two-factor authentication is now on.
mfa-backup-codes = Backup codes
mfa-backup-codes-hint = Each code works once if you lose your phone. Keep them somewhere safe: they are shown only now.
tokens-heading = API tokens
tokens-intro = Tokens let scripts use the API as you. Each is shown once, when created.
tokens-name = Token name
tokens-days = Valid for (days)
tokens-create = Create token
tokens-shown-once = Copy this token now: it will not be shown again.
tokens-none = You have no API tokens.
tokens-expires = expires { $date }
tokens-revoke = Revoke
feed-heading = Calendar feed
feed-intro = Subscribe to this address in your calendar application to see your bookings there. Keep it private: anyone who has it can read your bookings.
feed-address = Address of your calendar feed
feed-renew = Get a new address
feed-renewed = Here is a new address. The old one no longer works.

## Administration
nav-admin-users = Users
nav-admin-roles = Roles
nav-admin-groups = Groups
admin-description = Description
search-submit = Search
admin-users-heading = Users
admin-users-search = Search users
admin-users-none = No users match.
admin-users-roles = Roles
admin-users-groups = Groups
admin-users-status = Status
admin-users-active = Active
admin-users-disabled = Disabled
admin-users-new = New user
admin-users-temporary-password = Temporary password
admin-users-create = Create user
admin-users-created = The user has been created. They choose their own password at first sign-in.
admin-users-back = Back to users
admin-users-active-label = Account active (unticked: the person cannot sign in)
admin-users-reset-heading = Reset password
admin-users-reset-intro = Sets a temporary password, signs the person out everywhere, and asks them to choose a new password.
admin-users-reset-submit = Reset password
admin-users-reset-done = The password has been reset.
admin-roles-heading = Roles
admin-roles-name = Role name
admin-roles-holders = People
admin-roles-holder-count = { $count ->
    [0] nobody
    [one] one person
   *[other] { $count } people
}
admin-roles-builtin = built-in
admin-roles-new = New role
admin-roles-create = Create role
admin-roles-created = The role has been created. Open it to choose its permissions.
admin-roles-back = Back to roles
admin-roles-matrix = Permissions: what the role may do, and on which records
admin-roles-delete = Delete this role
admin-groups-heading = Groups
admin-groups-none = There are no groups yet.
admin-groups-members = Members
admin-groups-remove = Remove
admin-groups-add-label = Add a member (username)
admin-groups-add = Add
admin-groups-delete = Delete group
admin-groups-delete-named = Delete group { $name }
admin-groups-new = New group
admin-groups-name = Group name
admin-groups-create = Create group
perm-model = Records
perm-model-resource = Resources
perm-model-reservation = Reservations
perm-model-waitlist = Waitlist
perm-model-approval = Approvals
perm-model-user = Users
perm-model-role = Roles
perm-model-permission = Permissions
perm-model-group = Groups
perm-model-session = Sessions
perm-model-audit = Audit log
perm-model-analytics = Analytics
perm-model-webhook = Webhooks
perm-model-settings = Settings
perm-action-create = Create
perm-action-read = Read
perm-action-update = Change
perm-action-delete = Delete
perm-scope-all = all
perm-scope-group = group
perm-scope-own = own

## Catalog and availability
nav-resources = Resources
catalog-heading = Resources
catalog-filters = Filter resources
catalog-search = Search
catalog-type = Type
catalog-status = Status
catalog-any = Any
catalog-min-capacity = Minimum capacity
catalog-sort = Sort by
catalog-tags = Tags
catalog-apply = Apply filters
sort-created = Newest last
sort-name = Name (A–Z)
sort-name-desc = Name (Z–A)
sort-capacity = Capacity (smallest first)
sort-capacity-desc = Capacity (largest first)
status-available = Available
status-maintenance = In maintenance
status-unavailable = Unavailable
resource-heading = Resource
resource-capacity = { $count ->
    [one] { $count } seat
   *[other] { $count } seats
}
resource-capacity-label = Capacity
resource-group = Location
resource-timezone = Time zone
resource-approval = Approval
resource-approval-needed = Bookings need an approver's consent
resource-rules-heading = Booking rules
resource-week-heading = Availability from { $date }
resource-times-in-zone = Times are shown in { $zone }.
resource-times-in-both-zones = Times are shown in { $zone }, where the resource is, and in your zone ({ $yours }) under each.
resource-day-blackout = Closed all day.
resource-day-closed = Not open this day.
resource-free-slots = { $count ->
    [0] No free hours
    [one] { $count } free hour
   *[other] { $count } free hours
}
slot-free = free
slot-busy = taken
rule-none = No limits: any length, any time ahead.
rule-min-duration = At least { $count } minutes per booking.
rule-max-duration = At most { $count } minutes per booking.
rule-buffer-before = { $count } minutes kept free before each booking.
rule-buffer-after = { $count } minutes kept free after each booking.
rule-min-notice = Book at least { $count } minutes ahead.
rule-horizon = Book at most { $count } days ahead.
rule-granularity = Bookings start and end on { $count }-minute steps.
weekday-0 = Monday
weekday-1 = Tuesday
weekday-2 = Wednesday
weekday-3 = Thursday
weekday-4 = Friday
weekday-5 = Saturday
weekday-6 = Sunday
rule-bad-clock = Times are written HH:MM, from 00:00 to 24:00.
rule-close-not-after-open = The closing time must come after the opening time.
rule-bad-weekday = Pick a day from Monday to Sunday.
rule-overlapping-hours = The opening hours of one day overlap.
rule-min-above-max = The minimum duration is longer than the maximum.
rule-out-of-range = A limit is out of range.
rule-empty-closure = The exception must end after it starts.
violation-end-not-after-start = The end must come after the start.
violation-starts-in-past = The start is in the past.
violation-notice-too-short = This resource must be booked further ahead.
violation-beyond-horizon = This is too far ahead to book.
violation-too-short = Shorter than this resource's minimum.
violation-too-long = Longer than this resource's maximum.
violation-not-aligned = Start and end must fall on the resource's time steps.
violation-outside-business-hours = Outside business hours.
violation-blackout = That day is closed.
violation-closed = The resource is closed then.
violation-resource-not-bookable = This resource cannot be booked right now.
violation-quota-reservations = You have reached your limit of reservations for that day or week.
violation-quota-minutes = This would take you past your booked hours for that day or week.
nav-admin-catalog = Catalog
admin-none = None
admin-catalog-heading = Manage resources
admin-catalog-more = More catalog settings
admin-catalog-count = { $count ->
    [one] { $count } resource
   *[other] { $count } resources
}
admin-catalog-name = Name
admin-catalog-new = New resource
admin-catalog-create = Create resource
admin-catalog-back = Back to resources
admin-catalog-public-page = See its public page
admin-catalog-timezone-hint = An IANA time zone such as Europe/Paris; the resource's hours are in this zone.
admin-catalog-tags-hint = Separated by commas.
admin-catalog-approvers = Approvers
admin-catalog-approvers-hint = Usernames, separated by commas.
admin-catalog-attributes = Other attributes
admin-catalog-attributes-hint = One per line, written name = value.
admin-catalog-delete-heading = Delete
admin-catalog-delete-named = Delete { $name }
admin-types-heading = Resource types
admin-types-name = Type name
admin-types-color = Colour
admin-types-count = { $count ->
    [one] { $count } resource
   *[other] { $count } resources
}
admin-types-delete = Delete
admin-types-delete-named = Delete type { $name }
admin-types-new = New type
admin-types-create = Create type
admin-rules-global-heading = Rules for all resources
admin-rules-global-intro = These rules apply to every resource unless its group or the resource itself sets its own.
admin-rules-group-heading = Group rules
admin-rules-limits-heading = Booking limits
admin-rules-limits-intro = In minutes, except how far ahead, in days. Leave a field empty to use the rule from the level above.
admin-rules-min-duration = Minimum duration
admin-rules-max-duration = Maximum duration
admin-rules-buffer-before = Free time before each booking
admin-rules-buffer-after = Free time after each booking
admin-rules-min-notice = Minimum notice
admin-rules-horizon = How far ahead (days)
admin-rules-granularity = Time step
admin-rules-inherited = Empty: { $value } from the level above.
admin-rules-no-limit = Empty: no limit.
admin-rules-save-limits = Save limits
admin-rules-hours-heading = Business hours
admin-rules-hours-hint = Per day, for example 09:00-12:00, 13:00-17:00. Leave a day empty to close it; leave every day empty to use the hours of the level above.
admin-rules-hours-from-group = No hours of its own: the hours of { $group } apply.
admin-rules-hours-from-global = No hours of its own: the hours for all resources apply.
admin-rules-hours-open-all-day = No hours set here or above: open all day, every day.
admin-rules-save-hours = Save hours
admin-rules-blackouts-heading = Blackout dates
admin-rules-date = Date
admin-rules-reason = Reason
admin-rules-add-blackout = Add blackout date
admin-rules-exceptions-heading = Exceptions
admin-rules-starts = Starts
admin-rules-ends = Ends
admin-rules-add-exception = Add exception
admin-rules-remove-named = Remove { $name }
admin-groups-back = Back to groups
admin-groups-parent = Inside group
admin-groups-top-level = None (top level)
admin-groups-move = Move
admin-groups-rules = Booking rules and hours
admin-import-heading = Import from CSV
admin-import-hint = Columns: name, description, status, type, tags, group, capacity, timezone, requires_approval, attributes. Every row is checked first: either all rows are imported or none.
admin-import-file = CSV file
admin-import-submit = Import
admin-import-uploading = Uploading: { $percent } %
admin-import-checking = Uploaded; checking every row…
admin-import-done = { $count ->
    [one] Imported { $count } resource.
   *[other] Imported { $count } resources.
}
admin-import-refused = { $count ->
    [one] Nothing was imported: { $count } problem in the file.
   *[other] Nothing was imported: { $count } problems in the file.
}
admin-import-row = Row
admin-import-column = Column
admin-import-problem = Problem
admin-import-unreadable = The file could not be read: it must be a CSV file of at most 10 MB.
admin-export = Export every resource as CSV
slot-mine = yours
slot-mine-pending = yours, awaiting approval
slot-your-time = { $start }–{ $end } your time
slot-your-time-day-before = { $start }–{ $end } your time, the day before
slot-your-time-day-after = { $start }–{ $end } your time, the next day
slot-pending = awaiting approval
slot-blocked = not bookable
slot-selected = selected
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-long = { $weekday }, { $day } { $month }
week-nav-label = Calendar pages
week-previous = Previous
week-next = Next
grid-help = Choose a free hour to book it. With the keyboard: arrow keys move, Enter starts a selection and Enter again ends it, Escape drops it. With a mouse you can also drag over several free hours; on a touch screen, touch and hold a free hour, then slide to the last one.
grid-selection-started = Selection starts at { $start }. Move to the last hour and press Enter.
booking-dialog-heading = New booking
booking-date = Date
booking-start = Start
booking-end = End
booking-time-hint = Times are written HH:MM, such as 09:30. An end earlier than the start is on the next day.
booking-ends-next-day = Ends the next day ({ $date }).
booking-title = Title (optional)
booking-bad-time = Write the start and end as HH:MM.
booking-checking = Checking…
booking-free = Free: you can book it.
booking-free-approval = Free: your request will wait for an approver.
booking-not-possible = This cannot be booked:
booking-conflict = It overlaps a booking from { $start } to { $end }.
booking-conflict-on = It overlaps a booking on { $date }, from { $start } to { $end }.
booking-submit = Book
booking-close = Cancel
booking-booked = Booked: { $date }, { $start }–{ $end }.
booking-not-loaded = The booking form could not be loaded. Check your connection and try again; if it goes on, load the page again.
booking-requested = Requested: { $date }, { $start }–{ $end }. An approver will decide.
booking-see-mine = See my bookings
nav-my-bookings = My bookings
reservations-heading = My bookings
reservations-upcoming = Upcoming
reservations-past = Past
reservations-ended = Cancelled and declined
reservations-empty = None.
reservations-when = { $date }, { $start }–{ $end } ({ $zone })
time-next-day = { $time } the next day
time-on-date = { $time } on { $date }
reservations-in-series = part of a series
reservations-cancel = Cancel booking
reservations-cancel-named = Cancel booking: { $name }
reservations-cancel-question = Cancel this booking?
reservations-cancel-yes = Yes, cancel it
reservations-cancel-this = Only this one
reservations-cancel-following = This one and the following
reservations-cancel-series = The whole series
reservations-keep = Keep it
reservations-cancelled = { $count ->
    [one] Booking cancelled.
   *[other] { $count } bookings cancelled.
}
reservation-status-active = Confirmed
reservation-status-pending = Awaiting approval
reservation-status-held = Held for you
reservation-status-cancelled = Cancelled
reservation-status-rejected = Declined
reservation-status-expired = Expired
nav-approvals = Approvals
approvals-heading = Approvals
approvals-pending = Waiting
approvals-approved = Approved this week
approvals-rejected = Declined this week
approvals-none = Nothing here.
approvals-requested-by = Requested by { $name }
approvals-reason = Reason (optional)
approvals-reason-given = Reason: { $reason }
approvals-approve = Approve
approvals-reject = Decline
approvals-approve-named = Approve { $name }'s booking of { $resource }
approvals-reject-named = Decline { $name }'s booking of { $resource }
approvals-approved-notice = Approved: the booking is confirmed.
approvals-rejected-notice = Declined: the time is free again.
nav-waitlist = Waitlist
waitlist-heading = My waitlist
waitlist-intro = When a time you wait for frees up, it is held for you for a while: accept it before the countdown ends, or it passes to the next person.
waitlist-empty = You are not waiting for anything.
waitlist-wanted = Wanted: { $when }
waitlist-offer = Offered to you: { $when }
waitlist-held-for = Held for you for { $time }
waitlist-offer-ended = The offer has ended.
waitlist-position = { $position ->
    [one] next in line
   *[other] number { $position } in line
}
waitlist-status-waiting = Waiting
waitlist-status-offered = Offered
waitlist-status-accepted = Accepted
waitlist-status-declined = Declined
waitlist-status-expired = Offer expired
waitlist-status-cancelled = Left
waitlist-accept = Accept
waitlist-accept-named = Accept the offer for { $name }
waitlist-decline = Decline
waitlist-decline-named = Decline the offer for { $name }
waitlist-leave = Leave the line
waitlist-leave-named = Leave the line for { $name }
waitlist-accepted = Accepted: it is now one of your bookings.
waitlist-declined = Declined: the time goes to the next person.
waitlist-left = You have left the line.
booking-join-waitlist = Join the waitlist for this time
booking-joined = You are on the waitlist for { $date }, { $start }–{ $end }.
booking-see-waitlist = See my waitlist
booking-times-in-zone = Date and times are in { $zone }, where the resource is.
booking-repeat = Repeat
booking-repeat-none = Does not repeat
booking-repeat-daily = Every day
booking-repeat-weekly = Every week
booking-repeat-monthly = Every month
booking-repeat-count = Number of times
booking-repeat-until = Or until (date)
booking-repeat-hint = With an end date, the number of times is not used. A series has at most 366 bookings.
booking-series-summary = In the series: { $total }. Can be booked: { $free }. Will be skipped: { $skipped }.
occurrence-free = { $when }: free
occurrence-skipped = { $when }: will be skipped. { $reasons }
booking-series-booked = Booked { $created } of { $total } in the series.
booking-series-requested = Requested { $created } of { $total } in the series. An approver will decide.
booking-series-skipped-heading = Skipped, as they cannot be booked:
home-today = Today
home-today-empty = Nothing booked for today.
home-next = Coming up
home-next-empty = Nothing else booked yet.
home-all-bookings = All my bookings
home-free-heading = Free now
home-free-empty = Nothing of this kind is free for the next half hour.
home-free-from = Free from { $start }
home-free-show = Show
home-book-now = Book now
home-book-now-label = Book now: { $name }
palette-open = Commands
palette-heading = Commands
palette-label = Command
palette-new-booking = New booking
palette-today = Today’s bookings
palette-available-now = Available { $type } now
palette-language = Language: { $language }
palette-go-to = Go to { $name }
palette-nothing = No command matches.
palette-not-loaded = The commands could not be loaded. Check your connection and try again.
booking-in-your-zone = In your zone: { $when }
month-year = { $month } { $year }
resource-day-heading = Availability on { $date }
resource-month-heading = Availability in { $month }
view-label = Calendar view
view-day = Day
view-week = Week
view-month = Month
nav-timeline = Timeline
timeline-heading = Day timeline
timeline-count = Showing { $shown } of { $matching } resources.
timeline-help = Choose a free hour to book it. With the keyboard: left and right arrows move along a resource's hours, up and down move between resources, Enter books.
timeline-your-zone = Each row's hours are in its resource's zone; where that is not yours ({ $yours }), your time is shown under each hour.
reservations-move = Move
reservations-move-named = Move booking: { $name }
reservations-ics = Add to calendar (.ics)
reservations-ics-named = Add to calendar (.ics): { $name }
reservations-move-submit = Move booking
reservations-move-taken = That time is already booked. Your booking was not moved.
reservations-move-refused = The rules do not allow that time. Your booking was not moved.
reservations-moved = Moved to { $when }.

## Notifications
nav-notifications = Notifications
notifications-heading = Notifications
notifications-intro = What happened to your bookings, and what waits for you.
notifications-empty = Nothing yet: you will read here when a booking is confirmed, approved, moved or cancelled.
notifications-unread = { $count ->
    [0] No unread notifications.
    [one] One unread notification.
   *[other] { $count } unread notifications.
}
notifications-mark-all = Mark all as read
notifications-mark-read = Mark as read
notifications-mark-read-named = Mark as read: { $name }
notifications-new = New
notifications-open = Open
notifications-received = Received { $date }, { $time }
notifications-marked = Marked as read.
notifications-all-marked = All notifications marked as read.
notification-reason = Reason: { $reason }
notification-reservation-confirmed-title = Booking confirmed
notification-reservation-confirmed = Your booking of { $resource } on { $when } is confirmed.
notification-reservation-pending-title = Booking waiting for approval
notification-reservation-pending = Your booking of { $resource } on { $when } waits for an approver.
notification-reservation-approved-title = Booking approved
notification-reservation-approved = Your booking of { $resource } on { $when } was approved.
notification-reservation-rejected-title = Booking rejected
notification-reservation-rejected = Your booking of { $resource } on { $when } was rejected.
notification-reservation-rescheduled-title = Booking moved
notification-reservation-rescheduled = Your booking of { $resource } was moved to { $when }.
notification-reservation-cancelled-title = Booking cancelled
notification-reservation-cancelled = Your booking of { $resource } on { $when } was cancelled.
notification-series-confirmed-title = Recurring booking confirmed
notification-series-confirmed = { $count ->
    [one] Your booking of { $resource } on { $when } is confirmed.
   *[other] Your { $count } bookings of { $resource } from { $when } are confirmed.
}
notification-series-pending-title = Recurring booking waiting for approval
notification-series-pending = { $count ->
    [one] Your booking of { $resource } on { $when } waits for approval.
   *[other] Your { $count } bookings of { $resource } from { $when } wait for approval.
}
notification-series-cancelled-title = Recurring booking cancelled
notification-series-cancelled = { $count ->
    [one] Your booking of { $resource } on { $when } was cancelled.
   *[other] { $count } of your bookings of { $resource }, from { $when }, were cancelled.
}
notification-approval-requested-title = Approval requested
notification-approval-requested = { $count ->
    [one] { $person } asks to book { $resource } on { $when }.
   *[other] { $person } asks to book { $resource } { $count } times from { $when }.
}
notification-waitlist-offer-title = A time you waited for is free
notification-waitlist-offer = { $resource } on { $when } is held for you: accept it on your waitlist before the offer ends.
notification-waitlist-offer-expired-title = Waitlist offer ended
notification-waitlist-offer-expired = The offer of { $resource } on { $when } ended unanswered and went to the next person.

# /admin/analytics
nav-admin-analytics = Analytics
analytics-heading = Analytics
analytics-intro = How much each resource you manage is used, and when people book it. Hours of the day are each resource's local time.
analytics-period = Period
analytics-days = Last { $count } days
analytics-next-days = Next { $count } days
analytics-overview = Overview
analytics-resources = Resources
analytics-bookings = Bookings
analytics-active = Active
analytics-pending = Awaiting approval
analytics-cancelled = Cancelled
analytics-cancellation-rate = Cancellation rate
analytics-average-utilization = Average utilisation
analytics-percent = { $value } %
analytics-utilization-heading = Utilisation by resource
analytics-resource = Resource
analytics-booked-hours = Hours booked
analytics-open-hours = Hours open
analytics-utilization = Utilisation
analytics-no-resources = There are no resources to report on.
analytics-peaks-heading = Busiest times
analytics-peak-summary = Busiest hour: { $hours }. Busiest day: { $day }.
analytics-no-bookings = Nothing was booked in this period.
analytics-by-day = Bookings by day of the week
analytics-by-hour = Bookings by hour of the day
analytics-day = Day
analytics-hour = Hour
analytics-downloads = Downloads
analytics-download-utilization = Utilisation by resource (CSV)
analytics-download-reservations = Bookings in the period (CSV)
