## Application shell
app-name = Reserver
app-title = Reserver : réservez salles, bureaux, équipements et personnes
skip-to-content = Aller au contenu principal
nav-label = Navigation principale
nav-home = Accueil
language-label = Langue
lang-en = English
lang-es = Español
lang-fr = Français
footer-tagline = Reserver partage salles, bureaux, équipements et personnes sans double réservation.
footer-version = Version { $version }

## Home page
home-heading = Réservez ce que votre équipe partage
home-intro = Trouvez une salle, un bureau, un équipement ou une personne disponible et réservez en quelques secondes.
home-resources-count = { $count ->
    [0] Aucune ressource pour l’instant.
    [one] Une ressource.
   *[other] { $count } ressources.
}
loading = Chargement…

## Errors
not-found-heading = Page introuvable
not-found-body = Il n’y a aucune page à cette adresse. Vérifiez le lien ou revenez à la page d’accueil.
not-found-home-link = Aller à la page d’accueil
offline-heading = Vous êtes hors ligne
offline-body = Cette page n’a pas été enregistrée sur cet appareil : elle ne peut pas s’afficher sans connexion. Les pages de réservations ouvertes récemment restent peut-être consultables :
offline-saved-copy = Vous êtes hors ligne : ceci est une copie enregistrée de cette page, telle qu’elle était à votre dernière visite. Elle n’est peut-être plus à jour.
error-unavailable = Le service est momentanément indisponible. Réessayez dans un instant.
error-generic = Une erreur s’est produite. Réessayez dans un instant.
not-loaded-heading = Impossible de charger cette page
not-loaded-page = Reserver n’a pas pu télécharger le code de cette page : la connexion est peut-être coupée, ou Reserver a été mis à jour depuis que vous l’avez ouverte. Recharger la page règle le problème une fois la connexion rétablie.
not-loaded-reload = Recharger la page

## Errors shown for server answers
error-not-found = Introuvable, ou vous n’avez pas le droit de le voir.
error-invalid-input = Une partie de votre saisie n’est pas valide.
error-unauthorized = Connectez-vous pour continuer.
error-bad-credentials = Nom d’utilisateur ou mot de passe incorrect.
error-mfa-required = Saisissez le code à 6 chiffres de votre application d’authentification, ou un code de secours.
error-forbidden = Vous n’avez pas le droit de faire cela.
error-conflict = Cela entre en conflit avec quelque chose qui existe déjà.
error-rate-limited = Trop de tentatives. Patientez quelques minutes puis réessayez.

## Password rules
password-too-short = Le mot de passe doit comporter au moins 8 caractères.
password-too-long = Le mot de passe doit comporter au plus 256 caractères.
password-needs-uppercase = Le mot de passe doit contenir une majuscule.
password-needs-lowercase = Le mot de passe doit contenir une minuscule.
password-needs-digit = Le mot de passe doit contenir un chiffre.
password-needs-special = Le mot de passe doit contenir un caractère spécial, comme ! ou #.
password-contains-username = Le mot de passe ne doit pas contenir votre nom d’utilisateur.

## Accounts
nav-sign-in = Se connecter
nav-register = Créer un compte
nav-profile = Profil
nav-admin-sessions = Sessions (admin)
nav-sign-out = Se déconnecter
nav-signed-in-as = Connecté en tant que { $name }
home-sign-in-prompt = Connectez-vous pour voir et réserver les ressources.
field-username = Nom d’utilisateur
field-password = Mot de passe
field-email = Adresse e-mail (facultative)
password-hint = Au moins 8 caractères avec majuscules et minuscules, un chiffre et un caractère spécial ; pas votre nom d’utilisateur.
login-heading = Connexion
login-mfa-code = Code d’authentification
login-submit = Se connecter
login-registered = Votre compte est prêt. Connectez-vous pour continuer.
login-no-account = Nouveau ici ?
register-heading = Créer un compte
register-submit = Créer le compte
setup-heading = Configurer Reserver
setup-intro = Créez le premier administrateur. Cette page ne sert qu’une fois.
setup-submit = Créer l’administrateur
setup-done = Reserver est déjà configuré.
profile-heading = Votre profil
admin-sessions-heading = Sessions de tous
sessions-heading = Sessions ouvertes
sessions-user = Utilisateur
sessions-device = Navigateur
sessions-address = Adresse
sessions-last-used = Dernière utilisation
sessions-actions = Actions
sessions-current = (cette session)
sessions-revoke = Fermer cette session

## Profile
profile-details-heading = Vos informations
profile-display-name = Nom
profile-timezone = Fuseau horaire
profile-timezone-hint = Un nom IANA comme Europe/Paris ou America/Montreal.
profile-save = Enregistrer
profile-saved = Enregistré.
profile-password-heading = Changer de mot de passe
profile-current-password = Mot de passe actuel
profile-new-password = Nouveau mot de passe
profile-password-submit = Changer de mot de passe
profile-must-change-password = Un administrateur a réinitialisé votre mot de passe : choisissez-en un nouveau ci-dessous.
profile-password-changed = Votre mot de passe a été changé.
mfa-heading = Authentification à deux facteurs
mfa-status-on = L’authentification à deux facteurs est activée : la connexion demande un code de votre application.
mfa-status-off = L’authentification à deux facteurs est désactivée.
mfa-begin = Configurer l’authentification à deux facteurs
mfa-scan = Scannez ce code avec votre application d’authentification, puis saisissez le code à 6 chiffres qu’elle affiche.
mfa-qr-label = Code QR pour votre application d’authentification
mfa-manual = Ou saisissez cette clé à la main :
mfa-confirm = Activer
mfa-disable = Désactiver
mfa-enabled-now = L’authentification à deux facteurs est maintenant activée.
mfa-backup-codes = Codes de secours
mfa-backup-codes-hint = Chaque code sert une fois si vous perdez votre téléphone. Gardez-les en lieu sûr : ils ne sont affichés que maintenant.
tokens-heading = Jetons d’API
tokens-intro = Les jetons permettent à des scripts d’utiliser l’API en votre nom. Chacun n’est affiché qu’une fois, à sa création.
tokens-name = Nom du jeton
tokens-days = Valable pendant (jours)
tokens-create = Créer un jeton
tokens-shown-once = Copiez ce jeton maintenant : il ne sera plus affiché.
tokens-none = Vous n’avez aucun jeton d’API.
tokens-expires = expire le { $date }
tokens-revoke = Révoquer
feed-heading = Abonnement d’agenda
feed-intro = Abonnez votre application d’agenda à cette adresse pour y voir vos réservations. Gardez-la privée : quiconque la possède peut lire vos réservations.
feed-address = Adresse de votre agenda
feed-renew = Obtenir une nouvelle adresse
feed-renewed = Voici une nouvelle adresse. L’ancienne ne fonctionne plus.

## Administration
nav-admin-users = Utilisateurs
nav-admin-roles = Rôles
nav-admin-groups = Groupes
admin-description = Description
search-submit = Rechercher
admin-users-heading = Utilisateurs
admin-users-search = Rechercher des utilisateurs
admin-users-none = Aucun utilisateur ne correspond.
admin-users-roles = Rôles
admin-users-groups = Groupes
admin-users-status = État
admin-users-active = Actif
admin-users-disabled = Désactivé
admin-users-new = Nouvel utilisateur
admin-users-temporary-password = Mot de passe temporaire
admin-users-create = Créer l’utilisateur
admin-users-created = L’utilisateur a été créé. Il choisira son propre mot de passe à sa première connexion.
admin-users-back = Retour aux utilisateurs
admin-users-active-label = Compte actif (décoché : la personne ne peut pas se connecter)
admin-users-reset-heading = Réinitialiser le mot de passe
admin-users-reset-intro = Définit un mot de passe temporaire, déconnecte la personne partout et lui demande d’en choisir un nouveau.
admin-users-reset-submit = Réinitialiser le mot de passe
admin-users-reset-done = Le mot de passe a été réinitialisé.
admin-roles-heading = Rôles
admin-roles-name = Nom du rôle
admin-roles-holders = Personnes
admin-roles-holder-count = { $count ->
    [0] personne
    [one] une personne
   *[other] { $count } personnes
}
admin-roles-builtin = intégré
admin-roles-new = Nouveau rôle
admin-roles-create = Créer le rôle
admin-roles-created = Le rôle a été créé. Ouvrez-le pour choisir ses permissions.
admin-roles-back = Retour aux rôles
admin-roles-matrix = Permissions : ce que le rôle peut faire, et sur quels enregistrements
admin-roles-delete = Supprimer ce rôle
admin-groups-heading = Groupes
admin-groups-none = Il n’y a pas encore de groupe.
admin-groups-members = Membres
admin-groups-remove = Retirer
admin-groups-add-label = Ajouter un membre (nom d’utilisateur)
admin-groups-add = Ajouter
admin-groups-delete = Supprimer le groupe
admin-groups-delete-named = Supprimer le groupe { $name }
admin-groups-new = Nouveau groupe
admin-groups-name = Nom du groupe
admin-groups-create = Créer le groupe
perm-model = Enregistrements
perm-model-resource = Ressources
perm-model-reservation = Réservations
perm-model-waitlist = Liste d’attente
perm-model-approval = Approbations
perm-model-user = Utilisateurs
perm-model-role = Rôles
perm-model-permission = Permissions
perm-model-group = Groupes
perm-model-session = Sessions
perm-model-audit = Journal d’audit
perm-model-analytics = Statistiques
perm-model-webhook = Webhooks
perm-model-settings = Paramètres
perm-action-create = Créer
perm-action-read = Lire
perm-action-update = Modifier
perm-action-delete = Supprimer
perm-scope-all = tous
perm-scope-group = groupe
perm-scope-own = les siens

## Catalogue et disponibilité
nav-resources = Ressources
catalog-heading = Ressources
catalog-filters = Filtrer les ressources
catalog-search = Rechercher
catalog-type = Type
catalog-status = État
catalog-any = Tous
catalog-min-capacity = Capacité minimale
catalog-sort = Trier par
catalog-tags = Étiquettes
catalog-apply = Appliquer les filtres
sort-created = Plus récentes à la fin
sort-name = Nom (A–Z)
sort-name-desc = Nom (Z–A)
sort-capacity = Capacité (la plus petite d’abord)
sort-capacity-desc = Capacité (la plus grande d’abord)
status-available = Disponible
status-maintenance = En maintenance
status-unavailable = Indisponible
resource-heading = Ressource
resource-capacity = { $count ->
    [one] { $count } place
   *[other] { $count } places
}
resource-capacity-label = Capacité
resource-group = Emplacement
resource-timezone = Fuseau horaire
resource-approval = Approbation
resource-approval-needed = Les réservations doivent être approuvées
resource-rules-heading = Règles de réservation
resource-week-heading = Disponibilités à partir du { $date }
resource-times-in-zone = Les heures sont indiquées en { $zone }.
resource-times-in-both-zones = Les heures sont indiquées en { $zone }, où se trouve la ressource, et dans votre fuseau ({ $yours }) sous chacune.
resource-day-blackout = Fermé toute la journée.
resource-day-closed = Pas d’ouverture ce jour-là.
resource-free-slots = { $count ->
    [0] Aucune heure libre
    [one] { $count } heure libre
   *[other] { $count } heures libres
}
slot-free = libre
slot-busy = occupé
rule-none = Aucune limite : toute durée, à tout moment.
rule-min-duration = Au moins { $count } minutes par réservation.
rule-max-duration = Au plus { $count } minutes par réservation.
rule-buffer-before = { $count } minutes laissées libres avant chaque réservation.
rule-buffer-after = { $count } minutes laissées libres après chaque réservation.
rule-min-notice = Réservez au moins { $count } minutes à l’avance.
rule-horizon = Réservez au plus { $count } jours à l’avance.
rule-granularity = Les réservations commencent et finissent par pas de { $count } minutes.
weekday-0 = Lundi
weekday-1 = Mardi
weekday-2 = Mercredi
weekday-3 = Jeudi
weekday-4 = Vendredi
weekday-5 = Samedi
weekday-6 = Dimanche
rule-bad-clock = Les heures s’écrivent HH:MM, de 00:00 à 24:00.
rule-close-not-after-open = L’heure de fermeture doit suivre l’heure d’ouverture.
rule-bad-weekday = Choisissez un jour du lundi au dimanche.
rule-overlapping-hours = Les horaires d’une même journée se chevauchent.
rule-min-above-max = La durée minimale dépasse la durée maximale.
rule-out-of-range = Une limite est hors des bornes permises.
rule-empty-closure = L’exception doit finir après avoir commencé.
violation-end-not-after-start = La fin doit suivre le début.
violation-starts-in-past = Le début est déjà passé.
violation-notice-too-short = Cette ressource doit être réservée plus tôt.
violation-beyond-horizon = C’est trop loin pour réserver.
violation-too-short = Plus court que le minimum de cette ressource.
violation-too-long = Plus long que le maximum de cette ressource.
violation-not-aligned = Le début et la fin doivent tomber sur les pas horaires de la ressource.
violation-outside-business-hours = En dehors des heures d’ouverture.
violation-blackout = Ce jour-là est fermé.
violation-closed = La ressource est fermée à ce moment-là.
violation-resource-not-bookable = Cette ressource ne peut pas être réservée pour le moment.
violation-quota-reservations = Vous avez atteint votre limite de réservations pour ce jour ou cette semaine.
violation-quota-minutes = Cela dépasserait vos heures réservées pour ce jour ou cette semaine.
nav-admin-catalog = Catalogue
admin-none = Aucun
admin-catalog-heading = Gérer les ressources
admin-catalog-more = Autres réglages du catalogue
admin-catalog-count = { $count ->
    [one] { $count } ressource
   *[other] { $count } ressources
}
admin-catalog-name = Nom
admin-catalog-new = Nouvelle ressource
admin-catalog-create = Créer la ressource
admin-catalog-back = Retour aux ressources
admin-catalog-public-page = Voir sa page publique
admin-catalog-timezone-hint = Un fuseau horaire IANA comme Europe/Paris ; les horaires de la ressource sont dans ce fuseau.
admin-catalog-tags-hint = Séparées par des virgules.
admin-catalog-approvers = Approbateurs
admin-catalog-approvers-hint = Noms d'utilisateur, séparés par des virgules.
admin-catalog-attributes = Autres attributs
admin-catalog-attributes-hint = Un par ligne, écrit nom = valeur.
admin-catalog-delete-heading = Supprimer
admin-catalog-delete-named = Supprimer { $name }
admin-types-heading = Types de ressource
admin-types-name = Nom du type
admin-types-color = Couleur
admin-types-count = { $count ->
    [one] { $count } ressource
   *[other] { $count } ressources
}
admin-types-delete = Supprimer
admin-types-delete-named = Supprimer le type { $name }
admin-types-new = Nouveau type
admin-types-create = Créer le type
admin-rules-global-heading = Règles pour toutes les ressources
admin-rules-global-intro = Ces règles s'appliquent à toutes les ressources, sauf si leur groupe ou la ressource elle-même fixe les siennes.
admin-rules-group-heading = Règles du groupe
admin-rules-limits-heading = Limites de réservation
admin-rules-limits-intro = En minutes, sauf l'horizon, en jours. Laissez un champ vide pour reprendre la règle du niveau au-dessus.
admin-rules-min-duration = Durée minimale
admin-rules-max-duration = Durée maximale
admin-rules-buffer-before = Temps libre avant chaque réservation
admin-rules-buffer-after = Temps libre après chaque réservation
admin-rules-min-notice = Délai de prévenance minimal
admin-rules-horizon = Horizon (jours)
admin-rules-granularity = Pas de temps
admin-rules-inherited = Vide : { $value } du niveau au-dessus.
admin-rules-no-limit = Vide : aucune limite.
admin-rules-save-limits = Enregistrer les limites
admin-rules-hours-heading = Heures d'ouverture
admin-rules-hours-hint = Par jour, par exemple 09:00-12:00, 13:00-17:00. Laissez un jour vide pour le fermer ; laissez tous les jours vides pour reprendre les heures du niveau au-dessus.
admin-rules-hours-from-group = Pas d'heures propres : celles de { $group } s'appliquent.
admin-rules-hours-from-global = Pas d'heures propres : celles de toutes les ressources s'appliquent.
admin-rules-hours-open-all-day = Aucune heure fixée ici ni au-dessus : ouvert toute la journée, tous les jours.
admin-rules-save-hours = Enregistrer les heures
admin-rules-blackouts-heading = Jours de fermeture
admin-rules-date = Date
admin-rules-reason = Motif
admin-rules-add-blackout = Ajouter un jour de fermeture
admin-rules-exceptions-heading = Exceptions
admin-rules-starts = Début
admin-rules-ends = Fin
admin-rules-add-exception = Ajouter une exception
admin-rules-remove-named = Retirer { $name }
admin-groups-back = Retour aux groupes
admin-groups-parent = Dans le groupe
admin-groups-top-level = Aucun (premier niveau)
admin-groups-move = Déplacer
admin-groups-rules = Règles de réservation et heures
admin-import-heading = Importer depuis un CSV
admin-import-hint = Colonnes : name, description, status, type, tags, group, capacity, timezone, requires_approval, attributes. Chaque ligne est d'abord vérifiée : toutes les lignes sont importées, ou aucune.
admin-import-file = Fichier CSV
admin-import-submit = Importer
admin-import-uploading = Envoi : { $percent } %
admin-import-checking = Envoyé ; vérification de chaque ligne…
admin-import-done = { $count ->
    [one] { $count } ressource importée.
   *[other] { $count } ressources importées.
}
admin-import-refused = { $count ->
    [one] Rien n'a été importé : { $count } problème dans le fichier.
   *[other] Rien n'a été importé : { $count } problèmes dans le fichier.
}
admin-import-row = Ligne
admin-import-column = Colonne
admin-import-problem = Problème
admin-import-unreadable = Le fichier n'a pas pu être lu : il doit s'agir d'un CSV de 10 Mo au plus.
admin-export = Exporter toutes les ressources en CSV
slot-mine = à vous
slot-mine-pending = à vous, en attente d’approbation
slot-your-time = { $start }–{ $end } chez vous
slot-your-time-day-before = { $start }–{ $end } chez vous, la veille
slot-your-time-day-after = { $start }–{ $end } chez vous, le lendemain
slot-pending = en attente d’approbation
slot-blocked = non réservable
slot-selected = sélectionné
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
date-long = { $weekday } { $day } { $month }
week-nav-label = Pages du calendrier
week-previous = Précédent
week-next = Suivant
grid-help = Choisissez une heure libre pour la réserver. Au clavier : les flèches déplacent, Entrée commence une sélection et Entrée à nouveau la termine, Échap l’abandonne. À la souris, vous pouvez aussi glisser sur plusieurs heures libres ; sur un écran tactile, maintenez le doigt sur une heure libre puis glissez jusqu’à la dernière.
grid-selection-started = La sélection commence à { $start }. Allez à la dernière heure et appuyez sur Entrée.
booking-dialog-heading = Nouvelle réservation
booking-date = Date
booking-start = Début
booking-end = Fin
booking-time-hint = Les heures s’écrivent HH:MM, par exemple 09:30. Si l’heure de fin précède l’heure de début, la réservation se termine le lendemain.
booking-ends-next-day = Se termine le lendemain ({ $date }).
booking-title = Titre (facultatif)
booking-bad-time = Écrivez le début et la fin sous la forme HH:MM.
booking-checking = Vérification…
booking-free = Libre : vous pouvez réserver.
booking-free-approval = Libre : votre demande attendra un approbateur.
booking-not-possible = Impossible de réserver :
booking-conflict = Chevauche une réservation de { $start } à { $end }.
booking-conflict-on = Chevauche une réservation le { $date }, de { $start } à { $end }.
booking-submit = Réserver
booking-close = Annuler
booking-booked = Réservé : { $date }, { $start }–{ $end }.
booking-not-loaded = Impossible de charger le formulaire de réservation. Vérifiez votre connexion et réessayez ; si le problème persiste, rechargez la page.
booking-requested = Demandé : { $date }, { $start }–{ $end }. Un approbateur décidera.
booking-see-mine = Voir mes réservations
nav-my-bookings = Mes réservations
reservations-heading = Mes réservations
reservations-upcoming = À venir
reservations-past = Passées
reservations-ended = Annulées et refusées
reservations-empty = Aucune.
reservations-when = { $date }, { $start }–{ $end } ({ $zone })
time-next-day = { $time } le lendemain
time-on-date = { $time } le { $date }
reservations-in-series = fait partie d’une série
reservations-cancel = Annuler la réservation
reservations-cancel-named = Annuler la réservation : { $name }
reservations-cancel-question = Annuler cette réservation ?
reservations-cancel-yes = Oui, l’annuler
reservations-cancel-this = Seulement celle-ci
reservations-cancel-following = Celle-ci et les suivantes
reservations-cancel-series = Toute la série
reservations-keep = La garder
reservations-cancelled = { $count ->
    [one] Réservation annulée.
   *[other] { $count } réservations annulées.
}
reservation-status-active = Confirmée
reservation-status-pending = En attente d’approbation
reservation-status-held = Retenue pour vous
reservation-status-cancelled = Annulée
reservation-status-rejected = Refusée
reservation-status-expired = Expirée
nav-approvals = Approbations
approvals-heading = Approbations
approvals-pending = En attente
approvals-approved = Approuvées cette semaine
approvals-rejected = Refusées cette semaine
approvals-none = Rien ici.
approvals-requested-by = Demandée par { $name }
approvals-reason = Motif (facultatif)
approvals-reason-given = Motif : { $reason }
approvals-approve = Approuver
approvals-reject = Refuser
approvals-approve-named = Approuver la réservation de { $name } pour { $resource }
approvals-reject-named = Refuser la réservation de { $name } pour { $resource }
approvals-approved-notice = Approuvée : la réservation est confirmée.
approvals-rejected-notice = Refusée : le créneau est de nouveau libre.
nav-waitlist = Liste d’attente
waitlist-heading = Ma liste d’attente
waitlist-intro = Quand un créneau que vous attendez se libère, il vous est réservé un moment : acceptez-le avant la fin du compte à rebours, sinon il passe à la personne suivante.
waitlist-empty = Vous n’attendez rien.
waitlist-wanted = Souhaité : { $when }
waitlist-offer = Proposé pour vous : { $when }
waitlist-held-for = Réservé pour vous pendant { $time }
waitlist-offer-ended = L’offre a pris fin.
waitlist-position = { $position ->
    [one] le prochain
   *[other] numéro { $position } dans la file
}
waitlist-status-waiting = En attente
waitlist-status-offered = Proposé
waitlist-status-accepted = Accepté
waitlist-status-declined = Refusé
waitlist-status-expired = Offre expirée
waitlist-status-cancelled = Quitté
waitlist-accept = Accepter
waitlist-accept-named = Accepter l’offre pour { $name }
waitlist-decline = Refuser
waitlist-decline-named = Refuser l’offre pour { $name }
waitlist-leave = Quitter la file
waitlist-leave-named = Quitter la file pour { $name }
waitlist-accepted = Accepté : c’est désormais l’une de vos réservations.
waitlist-declined = Refusé : le créneau passe à la personne suivante.
waitlist-left = Vous avez quitté la file.
booking-join-waitlist = Rejoindre la liste d’attente pour ce créneau
booking-joined = Vous êtes sur la liste d’attente pour { $date }, { $start }–{ $end }.
booking-see-waitlist = Voir ma liste d’attente
booking-times-in-zone = La date et les heures sont en { $zone }, là où se trouve la ressource.
booking-repeat = Répéter
booking-repeat-none = Ne se répète pas
booking-repeat-daily = Chaque jour
booking-repeat-weekly = Chaque semaine
booking-repeat-monthly = Chaque mois
booking-repeat-count = Nombre de fois
booking-repeat-until = Ou jusqu’au (date)
booking-repeat-hint = Avec une date de fin, le nombre de fois n’est pas utilisé. Une série compte au plus 366 réservations.
booking-series-summary = Dans la série : { $total }. Réservables : { $free }. Ignorées : { $skipped }.
occurrence-free = { $when } : libre
occurrence-skipped = { $when } : sera ignorée. { $reasons }
booking-series-booked = { $created } réservées sur { $total } dans la série.
booking-series-requested = { $created } demandées sur { $total } dans la série. Un approbateur décidera.
booking-series-skipped-heading = Ignorées, car impossibles à réserver :
home-today = Aujourd’hui
home-today-empty = Rien de réservé pour aujourd’hui.
home-next = À venir
home-next-empty = Rien d’autre de réservé pour l’instant.
home-all-bookings = Toutes mes réservations
home-free-heading = Libre maintenant
home-free-empty = Rien de ce type n’est libre pendant la prochaine demi-heure.
home-free-from = Libre à partir de { $start }
home-free-show = Afficher
home-book-now = Réserver maintenant
home-book-now-label = Réserver maintenant : { $name }
palette-open = Commandes
palette-heading = Commandes
palette-label = Commande
palette-new-booking = Nouvelle réservation
palette-today = Réservations du jour
palette-available-now = { $type } disponible maintenant
palette-language = Langue : { $language }
palette-go-to = Aller à { $name }
palette-nothing = Aucune commande ne correspond.
palette-not-loaded = Impossible de charger les commandes. Vérifiez votre connexion et réessayez.
booking-in-your-zone = Dans votre fuseau : { $when }
month-year = { $month } { $year }
resource-day-heading = Disponibilités le { $date }
resource-month-heading = Disponibilités en { $month }
view-label = Vue du calendrier
view-day = Jour
view-week = Semaine
view-month = Mois
nav-timeline = Planning
timeline-heading = Planning du jour
timeline-count = { $shown } ressources affichées sur { $matching }.
timeline-help = Choisissez une heure libre pour la réserver. Au clavier : les flèches gauche et droite parcourent les heures d’une ressource, haut et bas passent d’une ressource à l’autre, Entrée réserve.
timeline-your-zone = Les heures de chaque ligne sont dans le fuseau de sa ressource ; quand ce n’est pas le vôtre ({ $yours }), votre heure est indiquée sous chacune.
reservations-move = Déplacer
reservations-move-named = Déplacer la réservation : { $name }
reservations-ics = Ajouter au calendrier (.ics)
reservations-ics-named = Ajouter au calendrier (.ics) : { $name }
reservations-move-submit = Déplacer la réservation
reservations-move-taken = Cette heure est déjà réservée. Votre réservation n’a pas été déplacée.
reservations-move-refused = Les règles n’autorisent pas cette heure. Votre réservation n’a pas été déplacée.
reservations-moved = Déplacée vers { $when }.

## Notifications
nav-notifications = Notifications
notifications-heading = Notifications
notifications-intro = Ce qui est arrivé à vos réservations, et ce qui vous attend.
notifications-empty = Rien pour l’instant : vous lirez ici quand une réservation est confirmée, approuvée, déplacée ou annulée.
notifications-unread = { $count ->
    [0] Aucune notification non lue.
    [one] Une notification non lue.
   *[other] { $count } notifications non lues.
}
notifications-mark-all = Tout marquer comme lu
notifications-mark-read = Marquer comme lue
notifications-mark-read-named = Marquer comme lue : { $name }
notifications-new = Nouvelle
notifications-open = Ouvrir
notifications-received = Reçue le { $date }, { $time }
notifications-marked = Marquée comme lue.
notifications-all-marked = Toutes les notifications sont marquées comme lues.
notification-reason = Motif : { $reason }
notification-reservation-confirmed-title = Réservation confirmée
notification-reservation-confirmed = Votre réservation de { $resource } le { $when } est confirmée.
notification-reservation-pending-title = Réservation en attente d’approbation
notification-reservation-pending = Votre réservation de { $resource } le { $when } attend un approbateur.
notification-reservation-approved-title = Réservation approuvée
notification-reservation-approved = Votre réservation de { $resource } le { $when } a été approuvée.
notification-reservation-rejected-title = Réservation refusée
notification-reservation-rejected = Votre réservation de { $resource } le { $when } a été refusée.
notification-reservation-rescheduled-title = Réservation déplacée
notification-reservation-rescheduled = Votre réservation de { $resource } a été déplacée au { $when }.
notification-reservation-cancelled-title = Réservation annulée
notification-reservation-cancelled = Votre réservation de { $resource } le { $when } a été annulée.
notification-series-confirmed-title = Réservation récurrente confirmée
notification-series-confirmed = { $count ->
    [one] Votre réservation de { $resource } le { $when } est confirmée.
   *[other] Vos { $count } réservations de { $resource } à partir du { $when } sont confirmées.
}
notification-series-pending-title = Réservation récurrente en attente d’approbation
notification-series-pending = { $count ->
    [one] Votre réservation de { $resource } le { $when } attend une approbation.
   *[other] Vos { $count } réservations de { $resource } à partir du { $when } attendent une approbation.
}
notification-series-cancelled-title = Réservation récurrente annulée
notification-series-cancelled = { $count ->
    [one] Votre réservation de { $resource } le { $when } a été annulée.
   *[other] { $count } de vos réservations de { $resource }, à partir du { $when }, ont été annulées.
}
notification-approval-requested-title = Approbation demandée
notification-approval-requested = { $count ->
    [one] { $person } demande à réserver { $resource } le { $when }.
   *[other] { $person } demande à réserver { $resource } { $count } fois à partir du { $when }.
}
notification-waitlist-offer-title = Un créneau attendu s’est libéré
notification-waitlist-offer = { $resource } le { $when } vous est réservé : acceptez-le dans votre liste d’attente avant la fin de l’offre.
notification-waitlist-offer-expired-title = Offre de la liste d’attente terminée
notification-waitlist-offer-expired = L’offre de { $resource } le { $when } s’est terminée sans réponse et est passée à la personne suivante.

# /admin/analytics
nav-admin-analytics = Statistiques
analytics-heading = Statistiques
analytics-intro = L'utilisation de chaque ressource que vous gérez, et quand elle est réservée. Les heures sont celles du fuseau de chaque ressource.
analytics-period = Période
analytics-days = { $count } derniers jours
analytics-next-days = { $count } prochains jours
analytics-overview = Vue d'ensemble
analytics-resources = Ressources
analytics-bookings = Réservations
analytics-active = Actives
analytics-pending = En attente d'approbation
analytics-cancelled = Annulées
analytics-cancellation-rate = Taux d'annulation
analytics-average-utilization = Taux d'occupation moyen
analytics-percent = { $value } %
analytics-utilization-heading = Occupation par ressource
analytics-resource = Ressource
analytics-booked-hours = Heures réservées
analytics-open-hours = Heures d'ouverture
analytics-utilization = Occupation
analytics-no-resources = Aucune ressource à présenter.
analytics-peaks-heading = Périodes de pointe
analytics-peak-summary = Heure la plus demandée : { $hours }. Jour le plus demandé : { $day }.
analytics-no-bookings = Rien n'a été réservé pendant cette période.
analytics-by-day = Réservations par jour de la semaine
analytics-by-hour = Réservations par heure de la journée
analytics-day = Jour
analytics-hour = Heure
analytics-downloads = Téléchargements
analytics-download-utilization = Occupation par ressource (CSV)
analytics-download-reservations = Réservations de la période (CSV)
