<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>CycleCsv</name>
    <message>
        <source>Could not write %1: %2. Choose a folder you may write to.</source>
        <translation>Impossible d’écrire %1&#xa0;: %2. Choisissez un dossier où vous pouvez écrire.</translation>
    </message>
    <message>
        <source>Could not save %1: %2. Check the free space and permissions.</source>
        <translation>Impossible d’enregistrer %1&#xa0;: %2. Vérifiez l’espace libre et les droits d’accès.</translation>
    </message>
</context>
<context>
    <name>DatabaseReader</name>
    <message>
        <source>Could not read the worklist from %1: %2</source>
        <translation>Impossible de lire la liste de travail depuis %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not open the worklist database %1 to read it: %2</source>
        <translation>Impossible d’ouvrir la base de données de la liste de travail %1 pour la lire&#xa0;: %2</translation>
    </message>
</context>
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
    <message>
        <source>Other users of this computer can read the settings file %1. Make it private with: chmod 600 &apos;%1&apos;</source>
        <translation>D’autres utilisateurs de cet ordinateur peuvent lire le fichier de paramètres %1. Rendez-le privé avec&#xa0;: chmod 600 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Other users of this computer can open the settings folder %1. Make it private with: chmod 700 &apos;%1&apos;</source>
        <translation>D’autres utilisateurs de cet ordinateur peuvent ouvrir le dossier des paramètres %1. Rendez-le privé avec&#xa0;: chmod 700 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>The sync settings in %1 were left behind by an older Lantir and were removed: Lantir uses %2, which already existed.</source>
        <translation>Les paramètres de synchronisation de %1, laissés par une ancienne version de Lantir, ont été supprimés&#xa0;: Lantir utilise %2, qui existait déjà.</translation>
    </message>
    <message>
        <source>Could not move the sync settings from %1 to %2: %3</source>
        <translation>Impossible de déplacer les paramètres de synchronisation de %1 vers %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>The sync settings moved from %1 to %2, the file lantir-sync reads too. Source &quot;%3&quot; holds them; add more sources in Settings.</source>
        <translation>Les paramètres de synchronisation ont été déplacés de %1 vers %2, le fichier que lit aussi lantir-sync. La source «&#xa0;%3&#xa0;» les contient&#xa0;; ajoutez d’autres sources dans les Paramètres.</translation>
    </message>
    <message>
        <source>%1 could not be loaded: %2. Lantir keeps using the last settings that loaded; fix the file or save the settings again.</source>
        <translation>Impossible de charger %1&#xa0;: %2. Lantir garde les derniers paramètres chargés&#xa0;; corrigez le fichier ou enregistrez à nouveau les paramètres.</translation>
    </message>
    <message>
        <source>The settings could not be written to %1 (%2): check that the file and its folder are writable.</source>
        <translation>Impossible d’écrire les paramètres dans %1 (%2)&#xa0;: vérifiez que le fichier et son dossier sont accessibles en écriture.</translation>
    </message>
</context>
<context>
    <name>Lantir::ApplicationPage</name>
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
        <source>Application</source>
        <translation>Application</translation>
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
        <source>Enter the warning growth rate in MB per hour.</source>
        <translation>Saisissez le taux de croissance d’avertissement en Mo par heure.</translation>
    </message>
    <message>
        <source>Enter the critical memory size in MB.</source>
        <translation>Saisissez la taille mémoire critique en Mo.</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Worklist database</source>
        <translation>Base de données de la liste de travail</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>Bases de données SQLite (*.db *.sqlite *.sqlite3);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>Base de &amp;données&#xa0;:</translation>
    </message>
    <message>
        <source>Database &amp;file:</source>
        <translation>&amp;Fichier de base de données&#xa0;:</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;veur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>P&amp;ort&#xa0;:</translation>
    </message>
    <message>
        <source>Database &amp;name:</source>
        <translation>No&amp;m de la base&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;SSL mode:</source>
        <translation>Mode &amp;SSL&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;A certificate:</source>
        <translation>Cer&amp;tificat de l’AC&#xa0;:</translation>
    </message>
    <message>
        <source>libpq&apos;s default (~/.postgresql/root.crt)</source>
        <translation>celui de libpq par défaut (~/.postgresql/root.crt)</translation>
    </message>
    <message>
        <source>Br&amp;owse…</source>
        <translation>Parcour&amp;ir…</translation>
    </message>
    <message>
        <source>Passwo&amp;rd:</source>
        <translation>Mot de pass&amp;e&#xa0;:</translation>
    </message>
    <message>
        <source>Kept in this computer&apos;s keychain, never in lantir.json. Leave it empty to use ~/.pgpass.</source>
        <translation>Conservé dans le trousseau de cet ordinateur, jamais dans lantir.json. Laissez-le vide pour utiliser ~/.pgpass.</translation>
    </message>
    <message>
        <source>disable: no TLS</source>
        <translation>disable&#xa0;: sans TLS</translation>
    </message>
    <message>
        <source>allow: TLS only when the server requires it</source>
        <translation>allow&#xa0;: TLS seulement si le serveur l’exige</translation>
    </message>
    <message>
        <source>prefer: TLS when the server offers it</source>
        <translation>prefer&#xa0;: TLS quand le serveur le propose</translation>
    </message>
    <message>
        <source>require: always TLS, the server is not verified</source>
        <translation>require&#xa0;: toujours TLS, le serveur n’est pas vérifié</translation>
    </message>
    <message>
        <source>verify-ca: TLS, the server&apos;s certificate signed by the CA</source>
        <translation>verify-ca&#xa0;: TLS, certificat du serveur signé par l’AC</translation>
    </message>
    <message>
        <source>verify-full: TLS, the CA and the server&apos;s name checked</source>
        <translation>verify-full&#xa0;: TLS, AC et nom du serveur vérifiés</translation>
    </message>
    <message>
        <source>SQLite file on this computer</source>
        <translation>Fichier SQLite sur cet ordinateur</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>Serveur PostgreSQL</translation>
    </message>
    <message>
        <source>Enter the PostgreSQL server&apos;s name or address.</source>
        <translation>Saisissez le nom ou l’adresse du serveur PostgreSQL.</translation>
    </message>
    <message>
        <source>The server&apos;s name or address has no spaces.</source>
        <translation>Le nom ou l’adresse du serveur ne contient pas d’espace.</translation>
    </message>
    <message>
        <source>Enter a port from 1 to 65535.</source>
        <translation>Saisissez un port de 1 à 65535.</translation>
    </message>
    <message>
        <source>Enter the name of the worklist database on the server.</source>
        <translation>Saisissez le nom de la base de données de la liste de travail sur le serveur.</translation>
    </message>
    <message>
        <source>Enter the user Lantir signs in as.</source>
        <translation>Saisissez l’utilisateur sous lequel Lantir se connecte.</translation>
    </message>
    <message>
        <source>%1 cannot be read. Choose the certificate (PEM) of the authority that signed the server&apos;s certificate, or leave the field empty.</source>
        <translation>%1 ne peut pas être lu. Choisissez le certificat (PEM) de l’autorité qui a signé le certificat du serveur, ou laissez le champ vide.</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>Certificat de l’AC</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>Certificats (*.crt *.pem *.cer);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>Lantir::CycleSoak</name>
    <message>
        <source>Cannot write the cycle report %1: %2</source>
        <translation>Impossible d&apos;écrire le rapport des cycles %1 : %2</translation>
    </message>
</context>
<context>
    <name>Lantir::CycleTableModel</name>
    <message>
        <source>OK (dry run)</source>
        <translation>OK (essai à blanc)</translation>
    </message>
    <message>
        <source>OK (full)</source>
        <translation>OK (complète)</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Fetched</source>
        <translation>Récupérés</translation>
    </message>
    <message>
        <source>Inserted</source>
        <translation>Insérés</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Mis à jour</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Inchangés</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Ignorés</translation>
    </message>
    <message>
        <source>RSS start (MB)</source>
        <translation>RSS au début (Mo)</translation>
    </message>
    <message>
        <source>RSS peak (MB)</source>
        <translation>RSS maximale (Mo)</translation>
    </message>
    <message>
        <source>RSS end (MB)</source>
        <translation>RSS à la fin (Mo)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Échec de la synchronisation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulés</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Rétablis</translation>
    </message>
    <message>
        <source>Purged</source>
        <translation>Purgés</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Another node syncs this source on the shared database: %1. This node skipped the cycle and takes over if that node stops.</source>
        <translation>Un autre nœud synchronise cette source sur la base partagée&#xa0;: %1. Ce nœud a sauté le cycle et prend le relais si ce nœud s’arrête.</translation>
    </message>
    <message>
        <source>Synced by %1</source>
        <translation>Synchronisée par %1</translation>
    </message>
</context>
<context>
    <name>Lantir::DesktopApp</name>
    <message>
        <source>Could not read the REDCap API token: %1</source>
        <translation>Impossible de lire le jeton d’API REDCap&#xa0;: %1</translation>
    </message>
    <message>
        <source>Settings saved. This run uses %1; they apply when Lantir starts without --config.</source>
        <translation>Paramètres enregistrés. Cette exécution utilise %1&#xa0;; ils s’appliqueront quand Lantir démarrera sans --config.</translation>
    </message>
    <message>
        <source>Lantir is still running</source>
        <translation>Lantir fonctionne toujours</translation>
    </message>
    <message>
        <source>Lantir keeps syncing in the notification area. Use Quit in its menu to stop it.</source>
        <translation>Lantir continue de synchroniser depuis la zone de notification. Utilisez Quitter dans son menu pour l’arrêter.</translation>
    </message>
    <message>
        <source>Settings readable by other users</source>
        <translation>Paramètres lisibles par d’autres utilisateurs</translation>
    </message>
    <message>
        <source>last query from %1 at %2, answers: %3</source>
        <translation>dernière requête de %1 à %2, réponses&#xa0;: %3</translation>
    </message>
    <message>
        <source>Worklist server</source>
        <translation>Serveur de worklist</translation>
    </message>
    <message>
        <source>The worklist server cannot listen: %1</source>
        <translation>Le serveur de worklist ne peut pas écouter&#xa0;: %1</translation>
    </message>
    <message>
        <source>Worklist server not running: %1</source>
        <translation>Serveur de worklist arrêté&#xa0;: %1</translation>
    </message>
    <message>
        <source>Worklist server on %1 as %2</source>
        <translation>Serveur de worklist sur %1 en tant que %2</translation>
    </message>
    <message>
        <source>associations today: %1</source>
        <translation>associations aujourd’hui&#xa0;: %1</translation>
    </message>
    <message>
        <source>MPPS events: %1</source>
        <translation>événements MPPS&#xa0;: %1</translation>
    </message>
    <message>
        <source>Settings moved</source>
        <translation>Paramètres déplacés</translation>
    </message>
    <message>
        <source>%1 changed on disk; Lantir uses the new settings.</source>
        <translation>%1 a changé sur le disque&#xa0;; Lantir utilise les nouveaux paramètres.</translation>
    </message>
    <message>
        <source>lantir.json has an error; the last good settings are in use</source>
        <translation>lantir.json contient une erreur&#xa0;; les derniers paramètres valides sont utilisés</translation>
    </message>
</context>
<context>
    <name>Lantir::FieldMappingPage</name>
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
        <source>Field mapping</source>
        <translation>Correspondances</translation>
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
        <source>row %1 (%2)</source>
        <translation>ligne %1 (%2)</translation>
    </message>
    <message>
        <source>Lantir does not write %1; this row writes nothing.</source>
        <translation>Lantir n’écrit pas %1&#xa0;; cette ligne n’écrit rien.</translation>
    </message>
    <message>
        <source>Rows %1 and %2 both write %3; the later row wins when both have a value.</source>
        <translation>Les lignes %1 et %2 écrivent toutes deux %3&#xa0;; la dernière l’emporte quand les deux ont une valeur.</translation>
    </message>
    <message>
        <source>Not worklist columns Lantir writes, so these rows are kept (pylantir configurations use them) but write nothing: %1.</source>
        <translation>Ces colonnes ne sont pas écrites par Lantir&#xa0;: les lignes sont conservées (les configurations pylantir les utilisent) mais n’écrivent rien&#xa0;: %1.</translation>
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
    <message>
        <source>No keychain is available to read the database password from (%1).</source>
        <translation>Aucun trousseau n’est disponible pour lire le mot de passe de la base de données (%1).</translation>
    </message>
    <message>
        <source>The database password could not be read from the keychain (%1).</source>
        <translation>Impossible de lire le mot de passe de la base de données dans le trousseau (%1).</translation>
    </message>
    <message>
        <source>No keychain is available to store the database password in (%1).</source>
        <translation>Aucun trousseau n’est disponible pour enregistrer le mot de passe de la base de données (%1).</translation>
    </message>
    <message>
        <source>The database password could not be stored in the keychain (%1).</source>
        <translation>Impossible d’enregistrer le mot de passe de la base de données dans le trousseau (%1).</translation>
    </message>
    <message>
        <source>No keychain is available to delete the database password from (%1).</source>
        <translation>Aucun trousseau n’est disponible pour supprimer le mot de passe de la base de données (%1).</translation>
    </message>
    <message>
        <source>The database password could not be deleted from the keychain (%1).</source>
        <translation>Impossible de supprimer le mot de passe de la base de données du trousseau (%1).</translation>
    </message>
</context>
<context>
    <name>Lantir::LogModel</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Débogage</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Fatal</source>
        <translation>Fatal</translation>
    </message>
</context>
<context>
    <name>Lantir::MainWindow</name>
    <message>
        <source>Lantir</source>
        <translation>Lantir</translation>
    </message>
    <message>
        <source>Sync state icon</source>
        <translation>Icône de l’état de synchronisation</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>No sync yet</source>
        <translation>Aucune synchronisation pour l’instant</translation>
    </message>
    <message>
        <source>Memory OK</source>
        <translation>Mémoire OK</translation>
    </message>
    <message>
        <source>Pause or resume the scheduled syncs (Sync Now still works)</source>
        <translation>Suspendre ou reprendre les synchronisations planifiées (Synchroniser maintenant fonctionne toujours)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Suspendre</translation>
    </message>
    <message>
        <source>Run a sync cycle now (F5)</source>
        <translation>Lancer un cycle de synchronisation maintenant (F5)</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>&amp;Memory</source>
        <translation>&amp;Mémoire</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Période&#xa0;:</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Dernières 24 heures</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>7 derniers jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Least-squares growth of the RSS at the end of each cycle, over the last 100 cycles</source>
        <translation>Croissance par moindres carrés de la RSS à la fin de chaque cycle, sur les 100 derniers cycles</translation>
    </message>
    <message>
        <source>Growth: not enough cycles yet</source>
        <translation>Croissance&#xa0;: pas encore assez de cycles</translation>
    </message>
    <message>
        <source>Memory per sync cycle</source>
        <translation>Mémoire par cycle de synchronisation</translation>
    </message>
    <message>
        <source>&amp;Cycles</source>
        <translation>&amp;Cycles</translation>
    </message>
    <message>
        <source>&amp;Worklist</source>
        <translation>&amp;Liste de travail</translation>
    </message>
    <message>
        <source>St&amp;atus:</source>
        <translation>Ét&amp;at&#xa0;:</translation>
    </message>
    <message>
        <source>Fr&amp;om</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <source>Scheduled from</source>
        <translation>Planifié à partir du</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <source>Scheduled until</source>
        <translation>Planifié jusqu’au</translation>
    </message>
    <message>
        <source>Sea&amp;rch:</source>
        <translation>Reche&amp;rcher&#xa0;:</translation>
    </message>
    <message>
        <source>Patient name, ID or accession</source>
        <translation>Nom du patient, ID ou numéro d’accès</translation>
    </message>
    <message>
        <source>Read the worklist from the database again</source>
        <translation>Relire la liste de travail dans la base de données</translation>
    </message>
    <message>
        <source>Reloa&amp;d</source>
        <translation>Rechar&amp;ger</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>Le&amp;vel:</source>
        <translation>Ni&amp;veau&#xa0;:</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Info et plus grave</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avertissements et erreurs</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Erreurs seulement</translation>
    </message>
    <message>
        <source>Cl&amp;ear</source>
        <translation>&amp;Effacer</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>Export History as &amp;CSV…</source>
        <translation>Exporter l’historique en &amp;CSV…</translation>
    </message>
    <message>
        <source>Export Chart as &amp;PNG…</source>
        <translation>Exporter le graphique en &amp;PNG…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Pause Scheduled Syncs</source>
        <translation>&amp;Suspendre les synchronisations planifiées</translation>
    </message>
    <message>
        <source>&amp;About Lantir</source>
        <translation>À &amp;propos de Lantir</translation>
    </message>
    <message>
        <source>History saved to %1</source>
        <translation>Historique enregistré dans %1</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Tous les états</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Planifié</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Discontinued</source>
        <translation>Interrompu</translation>
    </message>
    <message>
        <source>Reading the sync history…</source>
        <translation>Lecture de l’historique de synchronisation…</translation>
    </message>
    <message>
        <source>Stored cycles read: %1</source>
        <translation>Cycles enregistrés lus&#xa0;: %1</translation>
    </message>
    <message>
        <source>No database configured yet.</source>
        <translation>Aucune base de données n’est encore configurée.</translation>
    </message>
    <message>
        <source>Reading the worklist…</source>
        <translation>Lecture de la liste de travail…</translation>
    </message>
    <message>
        <source>Worklist items: %1</source>
        <translation>Éléments de la liste de travail&#xa0;: %1</translation>
    </message>
    <message>
        <source>Worklist items: %1 of %2 shown</source>
        <translation>Éléments de la liste de travail&#xa0;: %1 affichés sur %2</translation>
    </message>
    <message>
        <source>(the newest %1 only)</source>
        <translation>(les %1 plus récents seulement)</translation>
    </message>
    <message>
        <source>&amp;Sync Again After This Cycle</source>
        <translation>&amp;Synchroniser à nouveau après ce cycle</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>&amp;Resume Scheduled Syncs</source>
        <translation>&amp;Reprendre les synchronisations planifiées</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>Une exportation est déjà en cours.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Écriture de %1…</translation>
    </message>
    <message>
        <source>Chart saved to %1</source>
        <translation>Graphique enregistré dans %1</translation>
    </message>
    <message>
        <source>Could not save the chart to %1. Choose a folder you may write to.</source>
        <translation>Impossible d’enregistrer le graphique dans %1. Choisissez un dossier où vous pouvez écrire.</translation>
    </message>
    <message>
        <source>Export History as CSV</source>
        <translation>Exporter l’historique en CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export Chart as PNG</source>
        <translation>Exporter le graphique en PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>About Lantir</source>
        <translation>À propos de Lantir</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Lantir %1&lt;/h3&gt;&lt;p&gt;Syncs REDCap scan visits into the DICOM Modality Worklist database and keeps an eye on its own memory.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License, Version 2.0 (Apache-2.0).&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Lantir %1&lt;/h3&gt;&lt;p&gt;Synchronise les visites d’examen REDCap dans la base de données DICOM Modality Worklist et surveille sa propre mémoire.&lt;/p&gt;&lt;p&gt;Distribué sous la licence Apache, version 2.0 (Apache-2.0).&lt;/p&gt;&lt;p&gt;Compilé avec Qt %2, exécuté avec Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not read the sync history: %1</source>
        <translation>Impossible de lire l’historique de synchronisation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Could not read the worklist: %1</source>
        <translation>Impossible de lire la liste de travail&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cancel them anyway</source>
        <translation>Les annuler quand même</translation>
    </message>
    <message>
        <source>The visits really were removed in REDCap: the next cycle takes their rows off the scanner&apos;s list, once.</source>
        <translation>Les visites ont bien été supprimées dans REDCap : le prochain cycle retire leurs lignes de la liste de l&apos;IRM, une seule fois.</translation>
    </message>
    <message>
        <source>Sync one source only</source>
        <translation>Synchroniser une seule source</translation>
    </message>
    <message>
        <source>Sync one source</source>
        <translation>Synchroniser une source</translation>
    </message>
    <message>
        <source>Worklist database: %1</source>
        <translation>Base de données de la liste de travail&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Lantir::MemoryChartView</name>
    <message>
        <source>RSS at start</source>
        <translation>RSS au début</translation>
    </message>
    <message>
        <source>Peak RSS</source>
        <translation>RSS maximale</translation>
    </message>
    <message>
        <source>RSS at end</source>
        <translation>RSS à la fin</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Mémoire (Mo)</translation>
    </message>
    <message>
        <source>Critical (%1 MB)</source>
        <translation>Critique (%1&#xa0;Mo)</translation>
    </message>
    <message>
        <source>Warning above %1 MB/h growth, critical above %2 MB</source>
        <translation>Avertissement au-delà d’une croissance de %1&#xa0;Mo/h, critique au-delà de %2&#xa0;Mo</translation>
    </message>
    <message>
        <source>Memory warning · </source>
        <translation>Avertissement mémoire · </translation>
    </message>
    <message>
        <source>Memory critical · </source>
        <translation>Mémoire critique · </translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>Cycle %1 at %2</source>
        <translation>Cycle %1 à %2</translation>
    </message>
    <message>
        <source>Cycle at %1</source>
        <translation>Cycle à %1</translation>
    </message>
    <message>
        <source>RSS start %1 MB, peak %2 MB, end %3 MB</source>
        <translation>RSS début %1&#xa0;Mo, maximum %2&#xa0;Mo, fin %3&#xa0;Mo</translation>
    </message>
    <message>
        <source>Duration %1 s; fetched %2, new %3, updated %4</source>
        <translation>Durée %1&#xa0;s&#xa0;; récupérés %2, nouveaux %3, mis à jour %4</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Échec&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 cycles from %2 to %3</source>
        <translation>%1 cycles de %2 à %3</translation>
    </message>
    <message>
        <source>RSS start mean %1 MB; end mean %2 MB</source>
        <translation>RSS moyenne au début %1&#xa0;Mo&#xa0;; moyenne à la fin %2&#xa0;Mo</translation>
    </message>
    <message>
        <source>Peak RSS highest %1 MB, lowest %2 MB</source>
        <translation>RSS maximale la plus haute %1&#xa0;Mo, la plus basse %2&#xa0;Mo</translation>
    </message>
    <message>
        <source>Failed cycles among them: %1</source>
        <translation>Cycles en échec parmi eux&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cycle %1 of %2 at %3</source>
        <translation>Cycle %1 de %2 à %3</translation>
    </message>
    <message>
        <source>Cycle of %1 at %2</source>
        <translation>Cycle de %1 à %2</translation>
    </message>
    <message>
        <source>Sources: %1</source>
        <translation>Sources&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Lantir::RedcapFieldsPage</name>
    <message>
        <source>Where the scans are in the REDCap project: the repeating instrument with one row per scan, and the fields Lantir reads from it and from the record.</source>
        <translation>Où se trouvent les examens dans le projet REDCap&#xa0;: l’instrument répétable avec une ligne par examen, et les champs que Lantir y lit ainsi que dans l’enregistrement.</translation>
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
        <source>REDCap fields</source>
        <translation>Champs REDCap</translation>
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
        <source>“%1” is not a REDCap variable name: lower-case letters, digits and underscores, starting with a letter.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un nom de variable REDCap&#xa0;: lettres minuscules, chiffres et soulignés, en commençant par une lettre.</translation>
    </message>
</context>
<context>
    <name>Lantir::RedcapSourcePage</name>
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
        <source>Hide the token</source>
        <translation>Masquer le jeton</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>Afficher le jeton</translation>
    </message>
    <message>
        <source>REDCap</source>
        <translation>REDCap</translation>
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
        <source>%1 is not a time zone this computer knows.</source>
        <translation>%1 n’est pas un fuseau horaire connu de cet ordinateur.</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Système (%1)</translation>
    </message>
    <message>
        <source>Reading the token from the keychain…</source>
        <translation>Lecture du jeton dans le trousseau…</translation>
    </message>
    <message>
        <source>fix the API URL and token first.</source>
        <translation>corrigez d’abord l’URL de l’API et le jeton.</translation>
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
        <source>Remove the user name and password from the address: REDCap&apos;s API needs only the token.</source>
        <translation>Retirez le nom d’utilisateur et le mot de passe de l’adresse&#xa0;: l’API de REDCap n’a besoin que du jeton.</translation>
    </message>
    <message>
        <source>Remove everything after /api/ (a &apos;?&apos; or &apos;#&apos; part) from the address.</source>
        <translation>Retirez de l’adresse tout ce qui suit /api/ (une partie «&#xa0;?&#xa0;» ou «&#xa0;#&#xa0;»).</translation>
    </message>
    <message>
        <source>Remove the spaces or line breaks around the API token.</source>
        <translation>Retirez les espaces ou sauts de ligne autour du jeton d’API.</translation>
    </message>
</context>
<context>
    <name>Lantir::SchedulePage</name>
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
        <source>Schedule</source>
        <translation>Planification</translation>
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
</context>
<context>
    <name>Lantir::SettingsDialog</name>
    <message>
        <source>Lantir Settings</source>
        <translation>Paramètres de Lantir</translation>
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
        <source>Lantir cannot use a keychain on this computer, so it cannot store the API token safely (%1). You can keep the token for this session only: Lantir then forgets it when it quits, and you enter it again when you start Lantir.</source>
        <translation>Lantir ne peut utiliser aucun trousseau sur cet ordinateur et ne peut donc pas enregistrer le jeton d’API en sécurité (%1). Vous pouvez conserver le jeton pour cette session seulement&#xa0;: Lantir l’oublie en quittant, et vous le saisissez de nouveau au prochain démarrage de Lantir.</translation>
    </message>
    <message>
        <source>The token is kept for this session only: Lantir forgets it when it quits.</source>
        <translation>Le jeton est conservé pour cette session seulement&#xa0;: Lantir l’oublie en quittant.</translation>
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
        <source>The token was not saved. Tick “Keep the token for this session only” to use it until Lantir quits.</source>
        <translation>Le jeton n’a pas été enregistré. Cochez «&#xa0;Conserver le jeton pour cette session seulement&#xa0;» pour l’utiliser jusqu’à la fermeture de Lantir.</translation>
    </message>
    <message>
        <source>The token was not saved: %1</source>
        <translation>Le jeton n’a pas été enregistré&#xa0;: %1</translation>
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
        <source>%1 more notes about the file: point at this text to read them all.</source>
        <translation>%1 autres remarques sur le fichier&#xa0;: placez le pointeur sur ce texte pour toutes les lire.</translation>
    </message>
    <message>
        <source>&amp;Reload from the file</source>
        <translation>&amp;Recharger depuis le fichier</translation>
    </message>
    <message>
        <source>Discard your edits and show the settings now in the file</source>
        <translation>Abandonner vos modifications et afficher les paramètres du fichier</translation>
    </message>
    <message>
        <source>&amp;Keep my edits</source>
        <translation>&amp;Garder mes modifications</translation>
    </message>
    <message>
        <source>Keep editing; OK or Apply then replaces the file with your settings</source>
        <translation>Continuer à modifier&#xa0;; OK ou Appliquer remplace alors le fichier par vos paramètres</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>The REDCap projects Lantir syncs into the one worklist; the tabs edit the one selected</source>
        <translation>Les projets REDCap que Lantir synchronise dans la liste de travail&#xa0;; les onglets modifient celui sélectionné</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Activée</translation>
    </message>
    <message>
        <source>A disabled source is not synced; its worklist rows stay</source>
        <translation>Une source désactivée n’est pas synchronisée&#xa0;; ses lignes de la liste de travail restent</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>A&amp;jouter</translation>
    </message>
    <message>
        <source>Rena&amp;me</source>
        <translation>Reno&amp;mmer</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>Supprim&amp;er</translation>
    </message>
    <message>
        <source>%1 (disabled)</source>
        <translation>%1 (désactivée)</translation>
    </message>
    <message>
        <source>Sources (%1)</source>
        <translation>Sources (%1)</translation>
    </message>
    <message>
        <source>Enter a name for the source: it is written to every worklist row it syncs.</source>
        <translation>Saisissez un nom pour la source&#xa0;: il est écrit dans chaque ligne qu’elle synchronise.</translation>
    </message>
    <message>
        <source>Another source is already called %1: each source needs a name of its own.</source>
        <translation>Une autre source s’appelle déjà %1&#xa0;: chaque source doit avoir son propre nom.</translation>
    </message>
    <message>
        <source>The name is part of every worklist row&apos;s identity: rows synced as “%1” stay under that name, and the next cycles write “%2”. Press Rename to rename.</source>
        <translation>Le nom fait partie de l’identité de chaque ligne de la liste de travail&#xa0;: les lignes synchronisées sous «&#xa0;%1&#xa0;» gardent ce nom, et les prochains cycles écrivent «&#xa0;%2&#xa0;». Appuyez sur Renommer pour renommer.</translation>
    </message>
    <message>
        <source>Renamed from “%1”: rows synced under “%1” stay under it; from the next cycle this source writes “%2”.</source>
        <translation>Renommée depuis «&#xa0;%1&#xa0;»&#xa0;: les lignes synchronisées sous «&#xa0;%1&#xa0;» le gardent&#xa0;; dès le prochain cycle, cette source écrit «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>REDCap %1</source>
        <translation>REDCap %1</translation>
    </message>
    <message>
        <source>%1: enter its REDCap API URL.</source>
        <translation>%1&#xa0;: saisissez son URL d’API REDCap.</translation>
    </message>
    <message>
        <source>%1: enter its API token.</source>
        <translation>%1&#xa0;: saisissez son jeton d’API.</translation>
    </message>
    <message>
        <source>Select a source to fix it:</source>
        <translation>Sélectionnez une source pour la corriger&#xa0;:</translation>
    </message>
    <message>
        <source>%1 changed on disk but does not load: %2 The settings here are kept.</source>
        <translation>%1 a changé sur le disque mais ne se charge pas&#xa0;: %2 Les paramètres affichés ici sont conservés.</translation>
    </message>
    <message>
        <source>%1 changed on disk; the dialog shows the new settings.</source>
        <translation>%1 a changé sur le disque&#xa0;; la fenêtre affiche les nouveaux paramètres.</translation>
    </message>
    <message>
        <source>%1 was changed by someone else while you were editing. Reload the file&apos;s settings (your edits here are lost), or keep your edits (OK or Apply then replaces the file with them).</source>
        <translation>%1 a été modifié par quelqu’un d’autre pendant que vous modifiiez les paramètres. Rechargez les paramètres du fichier (vos modifications ici sont perdues) ou gardez vos modifications (OK ou Appliquer remplace alors le fichier).</translation>
    </message>
    <message>
        <source>The dialog shows the settings of %1.</source>
        <translation>La fenêtre affiche les paramètres de %1.</translation>
    </message>
    <message>
        <source>Your edits are kept: OK or Apply replaces %1 with them.</source>
        <translation>Vos modifications sont conservées&#xa0;: OK ou Appliquer remplace %1 par elles.</translation>
    </message>
    <message>
        <source>A source&apos;s name has at most %1 characters.</source>
        <translation>Le nom d’une source compte au plus %1 caractères.</translation>
    </message>
    <message>
        <source>A source&apos;s name is one line, without tabs.</source>
        <translation>Le nom d’une source tient sur une ligne, sans tabulation.</translation>
    </message>
    <message>
        <source>The password was not saved: no keychain works on this computer. Tick “Keep the token for this session only” on the REDCap page to keep it, with the tokens, until Lantir quits.</source>
        <translation>Le mot de passe n’a pas été enregistré&#xa0;: aucun trousseau ne fonctionne sur cet ordinateur. Cochez «&#xa0;Conserver le jeton pour cette session seulement&#xa0;» sur la page REDCap pour le garder, avec les jetons, jusqu’à ce que Lantir se ferme.</translation>
    </message>
    <message>
        <source>The password was not saved: %1</source>
        <translation>Le mot de passe n’a pas été enregistré&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Lantir::SourceSyncMenu</name>
    <message>
        <source>Sync %1 Now</source>
        <translation>Synchroniser %1 maintenant</translation>
    </message>
</context>
<context>
    <name>Lantir::SyncStatus</name>
    <message>
        <source>Not configured</source>
        <translation>Non configuré</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrêté</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Suspendu</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Outside the operation window</source>
        <translation>Hors de la plage de fonctionnement</translation>
    </message>
    <message>
        <source>No sync yet</source>
        <translation>Aucune synchronisation pour l’instant</translation>
    </message>
    <message>
        <source>Sync Now queued: it starts when this cycle ends</source>
        <translation>Synchronisation demandée&#xa0;: elle commencera à la fin de ce cycle</translation>
    </message>
    <message>
        <source>Sync in progress</source>
        <translation>Synchronisation en cours</translation>
    </message>
    <message>
        <source>Scheduled syncs paused</source>
        <translation>Synchronisations planifiées suspendues</translation>
    </message>
    <message>
        <source>Open Settings to enter the REDCap address and token</source>
        <translation>Ouvrez les paramètres pour saisir l’adresse et le jeton REDCap</translation>
    </message>
    <message>
        <source>No sync scheduled</source>
        <translation>Aucune synchronisation planifiée</translation>
    </message>
    <message>
        <source>Next sync at %1, when the operation window opens</source>
        <translation>Prochaine synchronisation à %1, à l’ouverture de la plage de fonctionnement</translation>
    </message>
    <message>
        <source>Next sync in %1</source>
        <translation>Prochaine synchronisation dans %1</translation>
    </message>
    <message>
        <source>Growth: %1 MB/h over the last %2 cycles</source>
        <translation>Croissance&#xa0;: %1&#xa0;Mo/h sur les %2 derniers cycles</translation>
    </message>
    <message>
        <source>Memory OK</source>
        <translation>Mémoire OK</translation>
    </message>
    <message>
        <source>Memory warning: %1</source>
        <translation>Avertissement mémoire&#xa0;: %1</translation>
    </message>
    <message>
        <source>Memory critical: %1</source>
        <translation>Mémoire critique&#xa0;: %1</translation>
    </message>
    <message>
        <source>Lantir: %1</source>
        <translation>Lantir&#xa0;: %1</translation>
    </message>
    <message>
        <source>Memory: %1 MB</source>
        <translation>Mémoire&#xa0;: %1&#xa0;Mo</translation>
    </message>
    <message>
        <source>Last sync at %1 failed: %2</source>
        <translation>Dernière synchronisation à %1 en échec : %2</translation>
    </message>
    <message>
        <source>Last sync at %1: %2 new, %3 updated, %4 unchanged</source>
        <translation>Dernière synchronisation à %1 : %2 nouvelles, %3 mises à jour, %4 inchangées</translation>
    </message>
    <message>
        <source>Memory warning</source>
        <translation>Alerte mémoire</translation>
    </message>
    <message>
        <source>Memory critical</source>
        <translation>Mémoire critique</translation>
    </message>
    <message>
        <source>Memory is growing by %1 MB per hour over the last %2 cycles (warning above %3 MB per hour; now %4 MB). Keep an eye on it; if it keeps rising, restart Lantir and report the &quot;Memory trend&quot; log lines.</source>
        <translation>La mémoire augmente de %1 Mo par heure sur les %2 derniers cycles (avertissement au-delà de %3 Mo par heure&#xa0;; actuellement %4 Mo). Surveillez-la&#xa0;; si elle continue de monter, redémarrez Lantir et signalez les lignes «&#xa0;Memory trend&#xa0;» du journal.</translation>
    </message>
    <message>
        <source>Memory use is %1 MB, above the critical limit of %2 MB (growing %3 MB per hour). Restart Lantir to get the memory back, and report the &quot;Memory cleanup&quot; and &quot;Memory trend&quot; log lines so the cause can be found.</source>
        <translation>La mémoire utilisée atteint %1 Mo, au-delà de la limite critique de %2 Mo (hausse de %3 Mo par heure). Redémarrez Lantir pour récupérer la mémoire, et signalez les lignes «&#xa0;Memory cleanup&#xa0;» et «&#xa0;Memory trend&#xa0;» du journal pour que la cause puisse être trouvée.</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>Échec de la synchronisation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Growth: warming up (%1 of %2 cycles)</source>
        <translation>Croissance&#xa0;: mise en route (%1 cycles sur %2)</translation>
    </message>
    <message>
        <source>Growth: flat over the last %1 cycles (%2 MB in all)</source>
        <translation>Croissance&#xa0;: stable sur les %1 derniers cycles (%2&#xa0;Mo en tout)</translation>
    </message>
    <message>
        <source>Last sync (%1) at %2 failed: %3</source>
        <translation>Dernière synchronisation (%1) à %2 échouée&#xa0;: %3</translation>
    </message>
    <message>
        <source>Last sync (%1) at %2: %3 new, %4 updated, %5 unchanged</source>
        <translation>Dernière synchronisation (%1) à %2&#xa0;: %3 nouvelles, %4 mises à jour, %5 inchangées</translation>
    </message>
    <message>
        <source>No source enabled: open Settings to enable one</source>
        <translation>Aucune source activée&#xa0;: ouvrez les Paramètres pour en activer une</translation>
    </message>
    <message>
        <source>%1 fails: %2</source>
        <translation>%1 échoue&#xa0;: %2</translation>
    </message>
    <message>
        <source>Source %1: not synced yet</source>
        <translation>Source %1&#xa0;: pas encore synchronisée</translation>
    </message>
    <message>
        <source>%1 sources: not synced yet</source>
        <translation>%1 sources&#xa0;: pas encore synchronisées</translation>
    </message>
    <message>
        <source>Source %1 OK</source>
        <translation>Source %1 OK</translation>
    </message>
    <message>
        <source>%1 of %2 sources synced, all OK</source>
        <translation>%1 sources sur %2 synchronisées, toutes OK</translation>
    </message>
    <message>
        <source>All %1 sources OK</source>
        <translation>Les %1 sources sont OK</translation>
    </message>
    <message>
        <source>Last check (%1) at %2: synced by %3</source>
        <translation>Dernière vérification (%1) à %2&#xa0;: synchronisée par %3</translation>
    </message>
    <message>
        <source>Last check at %1: synced by %2</source>
        <translation>Dernière vérification à %1&#xa0;: synchronisée par %2</translation>
    </message>
    <message>
        <source>%1: synced by %2</source>
        <translation>%1&#xa0;: synchronisée par %2</translation>
    </message>
</context>
<context>
    <name>Lantir::TrayIcon</name>
    <message>
        <source>Lantir: sync failed</source>
        <translation>Lantir&#xa0;: échec de la synchronisation</translation>
    </message>
    <message>
        <source>Lantir: sync working again</source>
        <translation>Lantir&#xa0;: la synchronisation fonctionne de nouveau</translation>
    </message>
    <message>
        <source>The sync works again (failed cycles before it: %1): %2 new, %3 updated.</source>
        <translation>La synchronisation fonctionne de nouveau (cycles en échec auparavant&#xa0;: %1)&#xa0;: %2 nouveaux, %3 mis à jour.</translation>
    </message>
    <message>
        <source>Lantir: memory critical</source>
        <translation>Lantir&#xa0;: mémoire critique</translation>
    </message>
    <message>
        <source>Lantir: memory warning</source>
        <translation>Lantir&#xa0;: avertissement mémoire</translation>
    </message>
    <message>
        <source>Show &amp;Window</source>
        <translation>Afficher la &amp;fenêtre</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>P&amp;aramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit Lantir</source>
        <translation>&amp;Quitter Lantir</translation>
    </message>
    <message>
        <source>&amp;Resume Scheduled Syncs</source>
        <translation>&amp;Reprendre les synchronisations planifiées</translation>
    </message>
    <message>
        <source>&amp;Pause Scheduled Syncs</source>
        <translation>&amp;Suspendre les synchronisations planifiées</translation>
    </message>
    <message>
        <source>&amp;Sync Again After This Cycle</source>
        <translation>&amp;Synchroniser à nouveau après ce cycle</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Lantir: visits removed</source>
        <translation>Lantir : visites supprimées</translation>
    </message>
    <message>
        <source>1 visit was removed in REDCap and leaves the scanner&apos;s list.</source>
        <translation>1 visite a été supprimée dans REDCap et quitte la liste de l&apos;IRM.</translation>
    </message>
    <message numerus="yes">
        <source>%n visits were removed in REDCap and leave the scanner&apos;s list.</source>
        <translation>
            <numerusform>%n visite a été supprimée dans REDCap et quitte la liste de l&apos;IRM.</numerusform>
            <numerusform>%n visites ont été supprimées dans REDCap et quittent la liste de l&apos;IRM.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync One S&amp;ource</source>
        <translation>Synchroniser une s&amp;ource</translation>
    </message>
</context>
<context>
    <name>Lantir::WorklistPage</name>
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
        <source>Worklist</source>
        <translation>Liste de travail</translation>
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
</context>
<context>
    <name>Lantir::WorklistServerPage</name>
    <message>
        <source>&amp;Serve the worklist to scanners (DICOM Modality Worklist and MPPS)</source>
        <translation>&amp;Servir la liste de travail aux IRM (DICOM Modality Worklist et MPPS)</translation>
    </message>
    <message>
        <source>&amp;AE title:</source>
        <translation>Titre &amp;AE&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>P&amp;ort&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Écouter sur&#xa0;:</translation>
    </message>
    <message>
        <source>every network interface</source>
        <translation>toutes les interfaces réseau</translation>
    </message>
    <message>
        <source>Allowed &amp;scanners:</source>
        <translation>&amp;Appareils autorisés&#xa0;:</translation>
    </message>
    <message>
        <source>any calling AE title</source>
        <translation>tout titre AE appelant</translation>
    </message>
    <message>
        <source>The calling AE titles of the scanners that may connect, separated by commas; empty lets any scanner in.</source>
        <translation>Les titres AE appelants des appareils qui peuvent se connecter, séparés par des virgules&#xa0;; vide, tout appareil est admis.</translation>
    </message>
    <message>
        <source>Refuse scanners that &amp;call another AE title</source>
        <translation>Refuser les appareils qui &amp;appellent un autre titre AE</translation>
    </message>
    <message>
        <source>Default s&amp;tation AE:</source>
        <translation>AE de s&amp;tation par défaut&#xa0;:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Sent as Scheduled Station AE Title for visits that name no station.</source>
        <translation>Envoyé comme Scheduled Station AE Title pour les visites qui ne nomment aucune station.</translation>
    </message>
    <message>
        <source>&amp;Test (C-ECHO)</source>
        <translation>&amp;Tester (C-ECHO)</translation>
    </message>
    <message>
        <source>Not a valid AE title: %1.</source>
        <translation>Titre AE non valide&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Worklist server</source>
        <translation>Serveur de worklist</translation>
    </message>
    <message>
        <source>Enter an IPv4 address of this computer (e.g. 192.168.1.20), or leave it empty to listen on every interface.</source>
        <translation>Saisissez une adresse IPv4 de cet ordinateur (p. ex. 192.168.1.20), ou laissez vide pour écouter sur toutes les interfaces.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>The worklist server answered the C-ECHO in %1 ms.</source>
        <translation>Le serveur de worklist a répondu au C-ECHO en %1&#xa0;ms.</translation>
    </message>
</context>
<context>
    <name>Lantir::WorklistTableModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Study Instance UID</source>
        <translation>UID d’instance d’étude</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Nom du patient</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID du patient</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexe</translation>
    </message>
    <message>
        <source>Weight (lb)</source>
        <translation>Poids (lb)</translation>
    </message>
    <message>
        <source>Accession number</source>
        <translation>Numéro d’accès</translation>
    </message>
    <message>
        <source>Referring physician</source>
        <translation>Médecin prescripteur</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalité</translation>
    </message>
    <message>
        <source>Study description</source>
        <translation>Description de l’étude</translation>
    </message>
    <message>
        <source>Station AE title</source>
        <translation>Titre AE de la station</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Performing physician</source>
        <translation>Médecin exécutant</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procédure</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Coding designator</source>
        <translation>Désignateur de codage</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Start in the notification area.</source>
        <translation>Démarrer dans la zone de notification.</translation>
    </message>
    <message>
        <source>Use this Lantir or pylantir JSON config instead of the saved settings.</source>
        <translation>Utiliser cette configuration JSON Lantir ou pylantir au lieu des paramètres enregistrés.</translation>
    </message>
    <message>
        <source>Keep the settings in this INI file instead of the user&apos;s.</source>
        <translation>Conserver les paramètres dans ce fichier INI plutôt que dans ceux de l’utilisateur.</translation>
    </message>
    <message>
        <source>Read the REDCap API token from FILE (with --config; default $REDCAP_API_TOKEN).</source>
        <translation>Lire le jeton d’API REDCap dans FILE (avec --config&#xa0;; par défaut $REDCAP_API_TOKEN).</translation>
    </message>
    <message>
        <source>Worklist database (SQLite), overriding the config.</source>
        <translation>Base de données de la liste de travail (SQLite), à la place de celle de la configuration.</translation>
    </message>
    <message>
        <source>After some cycles, save screenshots of each view to DIR, then quit.</source>
        <translation>Après quelques cycles, enregistrer des captures d’écran de chaque vue dans DIR, puis quitter.</translation>
    </message>
    <message>
        <source>Cycles to wait for before the screenshots (default 3).</source>
        <translation>Nombre de cycles à attendre avant les captures (3 par défaut).</translation>
    </message>
    <message>
        <source>Keeps the DICOM Modality Worklist in step with REDCap and shows how it goes.</source>
        <translation>Tient la DICOM Modality Worklist à jour avec REDCap et montre comment cela se passe.</translation>
    </message>
    <message>
        <source>Run N cycles one after another, then quit (memory benchmark).</source>
        <translation>Exécuter N cycles l&apos;un après l&apos;autre, puis quitter (mesure de la mémoire).</translation>
    </message>
    <message>
        <source>With --cycles: export every record each cycle.</source>
        <translation>Avec --cycles : exporter tous les enregistrements à chaque cycle.</translation>
    </message>
    <message>
        <source>With --cycles: write each cycle&apos;s report and the app&apos;s memory to FILE, one JSON line a cycle.</source>
        <translation>Avec --cycles : écrire le rapport de chaque cycle et la mémoire de l&apos;application dans FILE, une ligne JSON par cycle.</translation>
    </message>
    <message>
        <source>--cycles needs a whole number above 0.</source>
        <translation>--cycles demande un nombre entier supérieur à 0.</translation>
    </message>
</context>
</TS>
