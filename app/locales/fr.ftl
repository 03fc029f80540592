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
