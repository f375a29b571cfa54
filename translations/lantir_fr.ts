<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>Lantir::AppSettings</name>
    <message>
        <source>The settings could not be written to %1: check that the file and its folder are writable.</source>
        <translation>Impossible d’écrire les paramètres dans %1&#xa0;: vérifiez que le fichier et son dossier sont accessibles en écriture.</translation>
    </message>
    <message>
        <source>The settings file %1 is damaged; fix or remove it and save again.</source>
        <translation>Le fichier de paramètres %1 est endommagé&#xa0;; corrigez-le ou supprimez-le, puis enregistrez de nouveau.</translation>
    </message>
</context>
<context>
    <name>Lantir::KeychainSecretStore</name>
    <message>
        <source>No keychain is available to read the API token from (%1).</source>
        <translation>Aucun trousseau n’est disponible pour lire le jeton d’API (%1).</translation>
    </message>
    <message>
        <source>The API token could not be read from the keychain (%1).</source>
        <translation>Impossible de lire le jeton d’API dans le trousseau (%1).</translation>
    </message>
    <message>
        <source>No keychain is available to store the API token in (%1).</source>
        <translation>Aucun trousseau n’est disponible pour enregistrer le jeton d’API (%1).</translation>
    </message>
    <message>
        <source>The API token could not be stored in the keychain (%1).</source>
        <translation>Impossible d’enregistrer le jeton d’API dans le trousseau (%1).</translation>
    </message>
    <message>
        <source>No keychain is available to delete the API token from (%1).</source>
        <translation>Aucun trousseau n’est disponible pour supprimer le jeton d’API (%1).</translation>
    </message>
    <message>
        <source>The API token could not be deleted from the keychain (%1).</source>
        <translation>Impossible de supprimer le jeton d’API du trousseau (%1).</translation>
    </message>
</context>
<context>
    <name>Lantir::SettingsDialog</name>
    <message>
        <source>Lantir Settings</source>
        <translation>Paramètres de Lantir</translation>
    </message>
    <message>
        <source>REDCap</source>
        <translation>REDCap</translation>
    </message>
    <message>
        <source>API &amp;URL:</source>
        <translation>&amp;URL de l’API&#xa0;:</translation>
    </message>
    <message>
        <source>https://redcap.example.org/redcap/api/</source>
        <translation>https://redcap.example.org/redcap/api/</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>&amp;Jeton d’API&#xa0;:</translation>
    </message>
    <message>
        <source>32 hexadecimal characters</source>
        <translation>32 caractères hexadécimaux</translation>
    </message>
    <message>
        <source>Keep the token for this &amp;session only</source>
        <translation>Conserver le jeton pour cette &amp;session seulement</translation>
    </message>
    <message>
        <source>Test &amp;connection</source>
        <translation>Tester la &amp;connexion</translation>
    </message>
    <message>
        <source>Ask REDCap for its version and the project&apos;s fields with this URL and token</source>
        <translation>Demander à REDCap sa version et les champs du projet avec cette URL et ce jeton</translation>
    </message>
    <message>
        <source>Server time &amp;zone:</source>
        <translation>&amp;Fuseau horaire du serveur&#xa0;:</translation>
    </message>
    <message>
        <source>The time zone of the REDCap server; incremental syncs ask for changes in its local time</source>
        <translation>Le fuseau horaire du serveur REDCap&#xa0;; les synchronisations incrémentales demandent les modifications dans son heure locale</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>Taille des &amp;lots&#xa0;:</translation>
    </message>
    <message>
        <source> records</source>
        <translation> enregistrements</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Planification</translation>
    </message>
    <message>
        <source>Sync &amp;every:</source>
        <translation>Synchroniser &amp;toutes les&#xa0;:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Operation &amp;window:</source>
        <translation>&amp;Plage de fonctionnement&#xa0;:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <source>Incremental &amp;overlap:</source>
        <translation>&amp;Chevauchement incrémental&#xa0;:</translation>
    </message>
    <message>
        <source>Each sync also asks for changes made this long before the previous one, so nothing edited during a sync is missed.</source>
        <translation>Chaque synchronisation demande aussi les modifications faites pendant cette durée avant la précédente, pour ne rien manquer de ce qui a été modifié pendant une synchronisation.</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>Liste de travail</translation>
    </message>
    <message>
        <source>&amp;Site:</source>
        <translation>&amp;Site&#xa0;:</translation>
    </message>
    <message>
        <source>e.g. 792</source>
        <translation>p. ex. 792</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>&amp;Protocole&#xa0;:</translation>
    </message>
    <message>
        <source>Used when the site has no protocol of its own</source>
        <translation>Utilisé quand le site n’a pas de protocole propre</translation>
    </message>
    <message>
        <source>Protocol by s&amp;ite:</source>
        <translation>Protocole par s&amp;ite&#xa0;:</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>C&amp;oding scheme:</source>
        <translation>Schéma de c&amp;odage&#xa0;:</translation>
    </message>
    <message>
        <source>e.g. GEHC (hisris_coding_designator); empty: not written</source>
        <translation>p. ex. GEHC (hisris_coding_designator)&#xa0;; vide&#xa0;: non écrit</translation>
    </message>
    <message>
        <source>Patient &amp;name:</source>
        <translation>&amp;Nom du patient&#xa0;:</translation>
    </message>
    <message>
        <source>Patient I&amp;D:</source>
        <translation>I&amp;D du patient&#xa0;:</translation>
    </message>
    <message>
        <source>REDCap fields</source>
        <translation>Champs REDCap</translation>
    </message>
    <message>
        <source>Scan rows</source>
        <translation>Lignes d’examen</translation>
    </message>
    <message>
        <source>Scan &amp;instrument:</source>
        <translation>&amp;Instrument d’examen&#xa0;:</translation>
    </message>
    <message>
        <source>e.g. mri</source>
        <translation>p. ex. mri</translation>
    </message>
    <message>
        <source>&amp;Record ID field:</source>
        <translation>Champ d’ID d’en&amp;registrement&#xa0;:</translation>
    </message>
    <message>
        <source>S&amp;ession field:</source>
        <translation>Champ de s&amp;éance&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Date field:</source>
        <translation>Champ de &amp;date&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Time field:</source>
        <translation>Champ d’&amp;heure&#xa0;:</translation>
    </message>
    <message>
        <source>Stud&amp;y ID field:</source>
        <translation>Champ d’ID d’ét&amp;ude&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Family ID field:</source>
        <translation>Champ d’ID de &amp;famille&#xa0;:</translation>
    </message>
    <message>
        <source>Field mapping</source>
        <translation>Correspondance des champs</translation>
    </message>
    <message>
        <source>Each REDCap field on the left is written to the worklist column on the right when it has a value.</source>
        <translation>Chaque champ REDCap de gauche est écrit dans la colonne de la liste de travail de droite lorsqu’il a une valeur.</translation>
    </message>
    <message>
        <source>REDCap field</source>
        <translation>Champ REDCap</translation>
    </message>
    <message>
        <source>Worklist column</source>
        <translation>Colonne de la liste de travail</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>Ajo&amp;uter</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Reti&amp;rer</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>&amp;Database file:</source>
        <translation>Fichier de &amp;base de données&#xa0;:</translation>
    </message>
    <message>
        <source>pylantir&apos;s worklist.db</source>
        <translation>le worklist.db de pylantir</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Memory &amp;warning:</source>
        <translation>&amp;Avertissement mémoire&#xa0;:</translation>
    </message>
    <message>
        <source> MB/h</source>
        <translation> Mo/h</translation>
    </message>
    <message>
        <source>Memory &amp;critical:</source>
        <translation>Mémoire &amp;critique&#xa0;:</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> Mo</translation>
    </message>
    <message>
        <source>Lantir warns when its memory grows faster than the first value, and raises an alarm above the second.</source>
        <translation>Lantir avertit quand sa mémoire croît plus vite que la première valeur, et déclenche une alarme au-delà de la seconde.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation>Démarrer réduit dans la zone de &amp;notification</translation>
    </message>
    <message>
        <source>&amp;Import pylantir config…</source>
        <translation>&amp;Importer une configuration pylantir…</translation>
    </message>
    <message>
        <source>Fill these settings from an existing pylantir mwl_config.json</source>
        <translation>Remplir ces paramètres à partir d’un fichier mwl_config.json de pylantir existant</translation>
    </message>
    <message>
        <source>Reading the token from the keychain…</source>
        <translation>Lecture du jeton dans le trousseau…</translation>
    </message>
    <message>
        <source>Hide the token</source>
        <translation>Masquer le jeton</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>Afficher le jeton</translation>
    </message>
    <message>
        <source>Enter the REDCap API URL, e.g. https://redcap.example.org/redcap/api/.</source>
        <translation>Saisissez l’URL de l’API REDCap, p. ex. https://redcap.example.org/redcap/api/.</translation>
    </message>
    <message>
        <source>This is not a web address. Copy the API URL from the project&apos;s API page in REDCap.</source>
        <translation>Ce n’est pas une adresse web. Copiez l’URL de l’API depuis la page API du projet dans REDCap.</translation>
    </message>
    <message>
        <source>The address must start with https://.</source>
        <translation>L’adresse doit commencer par https://.</translation>
    </message>
    <message>
        <source>Use https://: plain http:// would send the token unencrypted, so it is allowed only for this computer (localhost, 127.0.0.1).</source>
        <translation>Utilisez https://&#xa0;: http:// enverrait le jeton en clair&#xa0;; il n’est donc permis que pour cet ordinateur (localhost, 127.0.0.1).</translation>
    </message>
    <message>
        <source>The API URL ends with /api/ (e.g. https://redcap.example.org/redcap/api/).</source>
        <translation>L’URL de l’API se termine par /api/ (p. ex. https://redcap.example.org/redcap/api/).</translation>
    </message>
    <message>
        <source>Enter the project&apos;s API token (REDCap: the project&apos;s API page).</source>
        <translation>Saisissez le jeton d’API du projet (REDCap&#xa0;: page API du projet).</translation>
    </message>
    <message>
        <source>An API token has 32 characters, not %1.</source>
        <translation>Un jeton d’API compte 32 caractères, pas %1.</translation>
    </message>
    <message>
        <source>An API token contains only the digits 0-9 and the letters A-F.</source>
        <translation>Un jeton d’API ne contient que les chiffres 0-9 et les lettres A-F.</translation>
    </message>
    <message>
        <source>Enter a batch size from %1 to %2 records.</source>
        <translation>Saisissez une taille de lot de %1 à %2 enregistrements.</translation>
    </message>
    <message>
        <source>Enter the sync interval in seconds.</source>
        <translation>Saisissez l’intervalle de synchronisation en secondes.</translation>
    </message>
    <message>
        <source>The shortest sync interval is %1 seconds.</source>
        <translation>L’intervalle de synchronisation le plus court est de %1 secondes.</translation>
    </message>
    <message>
        <source>Enter the start of the operation window as hours and minutes, e.g. 08:00.</source>
        <translation>Saisissez le début de la plage de fonctionnement en heures et minutes, p. ex. 08:00.</translation>
    </message>
    <message>
        <source>Enter the end of the operation window as hours and minutes, e.g. 18:00.</source>
        <translation>Saisissez la fin de la plage de fonctionnement en heures et minutes, p. ex. 18:00.</translation>
    </message>
    <message>
        <source>Enter the overlap in seconds (0 or more).</source>
        <translation>Saisissez le chevauchement en secondes (0 ou plus).</translation>
    </message>
    <message>
        <source>Enter the warning growth rate in MB per hour.</source>
        <translation>Saisissez le taux de croissance d’avertissement en Mo par heure.</translation>
    </message>
    <message>
        <source>Enter the critical memory size in MB.</source>
        <translation>Saisissez la taille mémoire critique en Mo.</translation>
    </message>
    <message>
        <source>%1 is not a time zone this computer knows.</source>
        <translation>%1 n’est pas un fuseau horaire connu de cet ordinateur.</translation>
    </message>
    <message>
        <source>Choose the worklist database file (pylantir&apos;s db_path).</source>
        <translation>Choisissez le fichier de base de données de la liste de travail (le db_path de pylantir).</translation>
    </message>
    <message>
        <source>%1 is a folder; choose a database file in it.</source>
        <translation>%1 est un dossier&#xa0;; choisissez un fichier de base de données dedans.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>Le dossier %1 n’existe pas.</translation>
    </message>
    <message>
        <source>Required: the name of a REDCap field or instrument.</source>
        <translation>Obligatoire&#xa0;: le nom d’un champ ou d’un instrument REDCap.</translation>
    </message>
    <message>
        <source>Enter the scan instrument and the names of the marked REDCap fields.</source>
        <translation>Saisissez l’instrument d’examen et les noms des champs REDCap signalés.</translation>
    </message>
    <message>
        <source>REDCap names have no spaces: “%1”.</source>
        <translation>Les noms REDCap ne contiennent pas d’espaces&#xa0;: «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Unknown placeholder %1: use {study}, {family}, {session}, {site} or {record}.</source>
        <translation>Espace réservé inconnu %1&#xa0;: utilisez {study}, {family}, {session}, {site} ou {record}.</translation>
    </message>
    <message>
        <source>Enter a patient ID pattern: the scanner finds its worklist entries by patient ID.</source>
        <translation>Saisissez un modèle d’ID patient&#xa0;: le scanner retrouve ses entrées de liste de travail par ID patient.</translation>
    </message>
    <message>
        <source>Row %1: enter the site, or remove the row.</source>
        <translation>Ligne %1&#xa0;: saisissez le site ou retirez la ligne.</translation>
    </message>
    <message>
        <source>Row %1: site %2 is already in row %3.</source>
        <translation>Ligne %1&#xa0;: le site %2 figure déjà à la ligne %3.</translation>
    </message>
    <message>
        <source>Row %1: enter the protocol for site %2.</source>
        <translation>Ligne %1&#xa0;: saisissez le protocole du site %2.</translation>
    </message>
    <message>
        <source>Row %1: enter the REDCap field, or remove the row.</source>
        <translation>Ligne %1&#xa0;: saisissez le champ REDCap ou retirez la ligne.</translation>
    </message>
    <message>
        <source>Row %1: “%2” is not a REDCap field name (they have no spaces).</source>
        <translation>Ligne %1&#xa0;: «&#xa0;%2&#xa0;» n’est pas un nom de champ REDCap (ils ne contiennent pas d’espaces).</translation>
    </message>
    <message>
        <source>Row %1: choose the worklist column %2 goes to.</source>
        <translation>Ligne %1&#xa0;: choisissez la colonne de la liste de travail où va %2.</translation>
    </message>
    <message>
        <source>Row %1: “%2” is not a worklist column Lantir writes; the row is kept (pylantir configurations use such rows) but writes nothing.</source>
        <translation>Ligne %1&#xa0;: «&#xa0;%2&#xa0;» n’est pas une colonne de la liste de travail que Lantir écrit&#xa0;; la ligne est conservée (les configurations pylantir en contiennent) mais n’écrit rien.</translation>
    </message>
    <message>
        <source>Rows %1 and %2 both write %3; the later row wins when both have a value.</source>
        <translation>Les lignes %1 et %2 écrivent toutes deux %3&#xa0;; la dernière l’emporte quand les deux ont une valeur.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1&#xa0;h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1&#xa0;min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1&#xa0;s</translation>
    </message>
    <message>
        <source>Same start and end: Lantir syncs all day.</source>
        <translation>Début et fin identiques&#xa0;: Lantir synchronise toute la journée.</translation>
    </message>
    <message>
        <source>Crosses midnight: Lantir syncs from %1 until %2 the next morning.</source>
        <translation>Passe minuit&#xa0;: Lantir synchronise de %1 jusqu’à %2 le lendemain matin.</translation>
    </message>
    <message>
        <source>Lantir syncs from %1 to %2 each day.</source>
        <translation>Lantir synchronise de %1 à %2 chaque jour.</translation>
    </message>
    <message>
        <source>Example: %1</source>
        <translation>Exemple&#xa0;: %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>No site and no protocol: protocol_name stays empty.</source>
        <translation>Ni site ni protocole&#xa0;: protocol_name reste vide.</translation>
    </message>
    <message>
        <source>No protocol for site %1: protocol_name stays empty.</source>
        <translation>Aucun protocole pour le site %1&#xa0;: protocol_name reste vide.</translation>
    </message>
    <message>
        <source>Protocol written: %1</source>
        <translation>Protocole écrit&#xa0;: %1</translation>
    </message>
    <message>
        <source>Protocol written for site %1: %2</source>
        <translation>Protocole écrit pour le site %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Placeholders: {study} and {family} (the part of the study and family IDs after the last “-”), {session}, {site} and {record}. The examples use record %1 with study ID %2, family ID %3 and session %4.</source>
        <translation>Espaces réservés&#xa0;: {study} et {family} (la partie des ID d’étude et de famille après le dernier «&#xa0;-&#xa0;»), {session}, {site} et {record}. Les exemples utilisent l’enregistrement %1 avec l’ID d’étude %2, l’ID de famille %3 et la séance %4.</translation>
    </message>
    <message>
        <source>Lantir cannot use a keychain on this computer, so it cannot store the API token safely (%1). You can keep the token for this session only: Lantir then forgets it when it quits, and you enter it again when you start Lantir.</source>
        <translation>Lantir ne peut utiliser aucun trousseau sur cet ordinateur et ne peut donc pas enregistrer le jeton d’API en sécurité (%1). Vous pouvez conserver le jeton pour cette session seulement&#xa0;: Lantir l’oublie en quittant, et vous le saisissez de nouveau au prochain démarrage de Lantir.</translation>
    </message>
    <message>
        <source>The token is kept for this session only: Lantir forgets it when it quits.</source>
        <translation>Le jeton est conservé pour cette session seulement&#xa0;: Lantir l’oublie en quittant.</translation>
    </message>
    <message>
        <source>Stop &amp;test</source>
        <translation>Arrêter le &amp;test</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Connected to REDCap %1; fields in the project: %2.</source>
        <translation>Connecté à REDCap %1&#xa0;; champs du projet&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Not in the project&apos;s data dictionary: %1. Check the names on the REDCap fields tab.</source>
        <translation>Absents du dictionnaire de données du projet&#xa0;: %1. Vérifiez les noms dans l’onglet Champs REDCap.</translation>
    </message>
    <message>
        <source>Connection test stopped.</source>
        <translation>Test de connexion arrêté.</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>Échec de la connexion&#xa0;: %1</translation>
    </message>
    <message>
        <source>Imported %1. Check the values, then press OK or Apply to save them.</source>
        <translation>%1 importé. Vérifiez les valeurs, puis appuyez sur OK ou Appliquer pour les enregistrer.</translation>
    </message>
    <message>
        <source>Saving the token…</source>
        <translation>Enregistrement du jeton…</translation>
    </message>
    <message>
        <source>Settings to fix before saving: %1.</source>
        <translation>Paramètres à corriger avant d’enregistrer&#xa0;: %1.</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Système (%1)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>The token was not saved. Tick “Keep the token for this session only” to use it until Lantir quits.</source>
        <translation>Le jeton n’a pas été enregistré. Cochez «&#xa0;Conserver le jeton pour cette session seulement&#xa0;» pour l’utiliser jusqu’à la fermeture de Lantir.</translation>
    </message>
    <message>
        <source>The token was not saved: %1</source>
        <translation>Le jeton n’a pas été enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>fix the API URL and token first.</source>
        <translation>corrigez d’abord l’URL de l’API et le jeton.</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>Impossible d’importer %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Import pylantir configuration</source>
        <translation>Importer une configuration pylantir</translation>
    </message>
    <message>
        <source>JSON configuration (*.json);;All files (*)</source>
        <translation>Configuration JSON (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Worklist database</source>
        <translation>Base de données de la liste de travail</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>Bases de données SQLite (*.db *.sqlite *.sqlite3);;Tous les fichiers (*)</translation>
    </message>
</context>
</TS>
