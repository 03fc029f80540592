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
home-resources-heading = Ressources
home-resources-count = { $count ->
    [0] Aucune ressource pour l’instant.
    [one] Une ressource.
   *[other] { $count } ressources.
}
home-resources-empty = Un administrateur ajoute ici les salles, bureaux et équipements.
loading = Chargement…

## Errors
not-found-heading = Page introuvable
not-found-body = Il n’y a aucune page à cette adresse. Vérifiez le lien ou revenez à la page d’accueil.
not-found-home-link = Aller à la page d’accueil
error-unavailable = Le service est momentanément indisponible. Réessayez dans un instant.
error-generic = Une erreur s’est produite. Réessayez dans un instant.

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
