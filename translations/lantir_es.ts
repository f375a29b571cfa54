<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>CycleCsv</name>
    <message>
        <source>Could not write %1: %2. Choose a folder you may write to.</source>
        <translation>No se pudo escribir %1: %2. Elija una carpeta en la que pueda escribir.</translation>
    </message>
    <message>
        <source>Could not save %1: %2. Check the free space and permissions.</source>
        <translation>No se pudo guardar %1: %2. Compruebe el espacio libre y los permisos.</translation>
    </message>
</context>
<context>
    <name>DatabaseReader</name>
    <message>
        <source>Could not read the worklist from %1: %2</source>
        <translation>No se pudo leer la lista de trabajo de %1: %2</translation>
    </message>
    <message>
        <source>Could not open the worklist database %1 to read it: %2</source>
        <translation>No se pudo abrir la base de datos de la lista de trabajo %1 para leerla: %2</translation>
    </message>
</context>
<context>
    <name>Lantir::AppSettings</name>
    <message>
        <source>The settings could not be written to %1: check that the file and its folder are writable.</source>
        <translation>No se pudo escribir la configuración en %1: compruebe que se puede escribir en el archivo y en su carpeta.</translation>
    </message>
    <message>
        <source>The settings file %1 is damaged; fix or remove it and save again.</source>
        <translation>El archivo de configuración %1 está dañado; corríjalo o elimínelo y vuelva a guardar.</translation>
    </message>
    <message>
        <source>Other users of this computer can read the settings file %1. Make it private with: chmod 600 &apos;%1&apos;</source>
        <translation>Otros usuarios de este equipo pueden leer el archivo de configuración %1. Hágalo privado con: chmod 600 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Other users of this computer can open the settings folder %1. Make it private with: chmod 700 &apos;%1&apos;</source>
        <translation>Otros usuarios de este equipo pueden abrir la carpeta de configuración %1. Hágala privada con: chmod 700 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>The sync settings in %1 were left behind by an older Lantir and were removed: Lantir uses %2, which already existed.</source>
        <translation>Se eliminaron los ajustes de sincronización de %1, que dejó una versión anterior de Lantir: Lantir usa %2, que ya existía.</translation>
    </message>
    <message>
        <source>Could not move the sync settings from %1 to %2: %3</source>
        <translation>No se pudieron mover los ajustes de sincronización de %1 a %2: %3</translation>
    </message>
    <message>
        <source>The sync settings moved from %1 to %2, the file lantir-sync reads too. Source &quot;%3&quot; holds them; add more sources in Settings.</source>
        <translation>Los ajustes de sincronización se movieron de %1 a %2, el archivo que también lee lantir-sync. La fuente «%3» los contiene; añada más fuentes en Configuración.</translation>
    </message>
    <message>
        <source>%1 could not be loaded: %2. Lantir keeps using the last settings that loaded; fix the file or save the settings again.</source>
        <translation>No se pudo cargar %1: %2. Lantir sigue usando los últimos ajustes que se cargaron; corrija el archivo o guarde los ajustes de nuevo.</translation>
    </message>
    <message>
        <source>The settings could not be written to %1 (%2): check that the file and its folder are writable.</source>
        <translation>No se pudieron escribir los ajustes en %1 (%2): compruebe que el archivo y su carpeta admiten escritura.</translation>
    </message>
</context>
<context>
    <name>Lantir::ApplicationPage</name>
    <message>
        <source>pylantir&apos;s worklist.db</source>
        <translation>el worklist.db de pylantir</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Memory &amp;warning:</source>
        <translation>&amp;Aviso de memoria:</translation>
    </message>
    <message>
        <source> MB/h</source>
        <translation> MB/h</translation>
    </message>
    <message>
        <source>Memory &amp;critical:</source>
        <translation>Memoria &amp;crítica:</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Lantir warns when its memory grows faster than the first value, and raises an alarm above the second.</source>
        <translation>Lantir avisa cuando su memoria crece más rápido que el primer valor y da la alarma por encima del segundo.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Start &amp;minimised to the tray</source>
        <translation>Iniciar &amp;minimizado en la bandeja</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Aplicación</translation>
    </message>
    <message>
        <source>Choose the worklist database file (pylantir&apos;s db_path).</source>
        <translation>Elija el archivo de base de datos de la lista de trabajo (el db_path de pylantir).</translation>
    </message>
    <message>
        <source>%1 is a folder; choose a database file in it.</source>
        <translation>%1 es una carpeta; elija un archivo de base de datos dentro de ella.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>La carpeta %1 no existe.</translation>
    </message>
    <message>
        <source>Enter the warning growth rate in MB per hour.</source>
        <translation>Introduzca la tasa de crecimiento de aviso en MB por hora.</translation>
    </message>
    <message>
        <source>Enter the critical memory size in MB.</source>
        <translation>Introduzca el tamaño de memoria crítico en MB.</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Worklist database</source>
        <translation>Base de datos de la lista de trabajo</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>Bases de datos SQLite (*.db *.sqlite *.sqlite3);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Base de datos:</translation>
    </message>
    <message>
        <source>Database &amp;file:</source>
        <translation>Arc&amp;hivo de base de datos:</translation>
    </message>
    <message>
        <source>Ser&amp;ver:</source>
        <translation>Ser&amp;vidor:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>Database &amp;name:</source>
        <translation>&amp;Nombre de la base:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>&amp;SSL mode:</source>
        <translation>Modo &amp;SSL:</translation>
    </message>
    <message>
        <source>C&amp;A certificate:</source>
        <translation>Cer&amp;tificado de la CA:</translation>
    </message>
    <message>
        <source>libpq&apos;s default (~/.postgresql/root.crt)</source>
        <translation>el predeterminado de libpq (~/.postgresql/root.crt)</translation>
    </message>
    <message>
        <source>Br&amp;owse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <source>Passwo&amp;rd:</source>
        <translation>Cont&amp;raseña:</translation>
    </message>
    <message>
        <source>Kept in this computer&apos;s keychain, never in lantir.json. Leave it empty to use ~/.pgpass.</source>
        <translation>Se guarda en el llavero de este equipo, nunca en lantir.json. Déjela vacía para usar ~/.pgpass.</translation>
    </message>
    <message>
        <source>disable: no TLS</source>
        <translation>disable: sin TLS</translation>
    </message>
    <message>
        <source>allow: TLS only when the server requires it</source>
        <translation>allow: TLS solo si el servidor lo exige</translation>
    </message>
    <message>
        <source>prefer: TLS when the server offers it</source>
        <translation>prefer: TLS cuando el servidor lo ofrece</translation>
    </message>
    <message>
        <source>require: always TLS, the server is not verified</source>
        <translation>require: siempre TLS, el servidor no se verifica</translation>
    </message>
    <message>
        <source>verify-ca: TLS, the server&apos;s certificate signed by the CA</source>
        <translation>verify-ca: TLS, certificado del servidor firmado por la CA</translation>
    </message>
    <message>
        <source>verify-full: TLS, the CA and the server&apos;s name checked</source>
        <translation>verify-full: TLS, se comprueban la CA y el nombre del servidor</translation>
    </message>
    <message>
        <source>SQLite file on this computer</source>
        <translation>Archivo SQLite en este equipo</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>Servidor PostgreSQL</translation>
    </message>
    <message>
        <source>Enter the PostgreSQL server&apos;s name or address.</source>
        <translation>Introduzca el nombre o la dirección del servidor PostgreSQL.</translation>
    </message>
    <message>
        <source>The server&apos;s name or address has no spaces.</source>
        <translation>El nombre o la dirección del servidor no lleva espacios.</translation>
    </message>
    <message>
        <source>Enter a port from 1 to 65535.</source>
        <translation>Introduzca un puerto de 1 a 65535.</translation>
    </message>
    <message>
        <source>Enter the name of the worklist database on the server.</source>
        <translation>Introduzca el nombre de la base de datos de la lista de trabajo en el servidor.</translation>
    </message>
    <message>
        <source>Enter the user Lantir signs in as.</source>
        <translation>Introduzca el usuario con el que Lantir se conecta.</translation>
    </message>
    <message>
        <source>%1 cannot be read. Choose the certificate (PEM) of the authority that signed the server&apos;s certificate, or leave the field empty.</source>
        <translation>No se puede leer %1. Elija el certificado (PEM) de la autoridad que firmó el certificado del servidor, o deje el campo vacío.</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>Certificado de la CA</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>Certificados (*.crt *.pem *.cer);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>Lantir::CycleSoak</name>
    <message>
        <source>Cannot write the cycle report %1: %2</source>
        <translation>No se puede escribir el informe de ciclos %1: %2</translation>
    </message>
</context>
<context>
    <name>Lantir::CycleTableModel</name>
    <message>
        <source>OK (dry run)</source>
        <translation>OK (simulación)</translation>
    </message>
    <message>
        <source>OK (full)</source>
        <translation>OK (completa)</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Fetched</source>
        <translation>Obtenidos</translation>
    </message>
    <message>
        <source>Inserted</source>
        <translation>Insertados</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Actualizados</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Sin cambios</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Omitidos</translation>
    </message>
    <message>
        <source>RSS start (MB)</source>
        <translation>RSS al inicio (MB)</translation>
    </message>
    <message>
        <source>RSS peak (MB)</source>
        <translation>RSS máxima (MB)</translation>
    </message>
    <message>
        <source>RSS end (MB)</source>
        <translation>RSS al final (MB)</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>La sincronización falló: %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Canceladas</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>Restablecidas</translation>
    </message>
    <message>
        <source>Purged</source>
        <translation>Purgadas</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Fuente</translation>
    </message>
    <message>
        <source>Another node syncs this source on the shared database: %1. This node skipped the cycle and takes over if that node stops.</source>
        <translation>Otro nodo sincroniza esta fuente en la base compartida: %1. Este nodo omitió el ciclo y toma el relevo si ese nodo se detiene.</translation>
    </message>
    <message>
        <source>Synced by %1</source>
        <translation>Sincronizada por %1</translation>
    </message>
</context>
<context>
    <name>Lantir::DesktopApp</name>
    <message>
        <source>Could not read the REDCap API token: %1</source>
        <translation>No se pudo leer el token de la API de REDCap: %1</translation>
    </message>
    <message>
        <source>Settings saved. This run uses %1; they apply when Lantir starts without --config.</source>
        <translation>Configuración guardada. Esta ejecución usa %1; se aplicará cuando Lantir se inicie sin --config.</translation>
    </message>
    <message>
        <source>Lantir is still running</source>
        <translation>Lantir sigue en marcha</translation>
    </message>
    <message>
        <source>Lantir keeps syncing in the notification area. Use Quit in its menu to stop it.</source>
        <translation>Lantir sigue sincronizando desde el área de notificación. Use Salir en su menú para detenerlo.</translation>
    </message>
    <message>
        <source>Settings readable by other users</source>
        <translation>Configuración legible por otros usuarios</translation>
    </message>
    <message>
        <source>last query from %1 at %2, answers: %3</source>
        <translation>última consulta de %1 a las %2, respuestas: %3</translation>
    </message>
    <message>
        <source>Worklist server</source>
        <translation>Servidor de worklist</translation>
    </message>
    <message>
        <source>The worklist server cannot listen: %1</source>
        <translation>El servidor de worklist no puede escuchar: %1</translation>
    </message>
    <message>
        <source>Worklist server not running: %1</source>
        <translation>Servidor de worklist detenido: %1</translation>
    </message>
    <message>
        <source>Worklist server on %1 as %2</source>
        <translation>Servidor de worklist en %1 como %2</translation>
    </message>
    <message>
        <source>associations today: %1</source>
        <translation>asociaciones hoy: %1</translation>
    </message>
    <message>
        <source>MPPS events: %1</source>
        <translation>eventos MPPS: %1</translation>
    </message>
    <message>
        <source>Settings moved</source>
        <translation>Ajustes movidos</translation>
    </message>
    <message>
        <source>%1 changed on disk; Lantir uses the new settings.</source>
        <translation>%1 cambió en el disco; Lantir usa los ajustes nuevos.</translation>
    </message>
    <message>
        <source>lantir.json has an error; the last good settings are in use</source>
        <translation>lantir.json tiene un error; se usan los últimos ajustes válidos</translation>
    </message>
</context>
<context>
    <name>Lantir::FieldMappingPage</name>
    <message>
        <source>Each REDCap field on the left is written to the worklist column on the right when it has a value.</source>
        <translation>Cada campo de REDCap de la izquierda se escribe en la columna de la lista de trabajo de la derecha cuando tiene un valor.</translation>
    </message>
    <message>
        <source>REDCap field</source>
        <translation>Campo de REDCap</translation>
    </message>
    <message>
        <source>Worklist column</source>
        <translation>Columna de la lista de trabajo</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>Aña&amp;dir</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Qui&amp;tar</translation>
    </message>
    <message>
        <source>Field mapping</source>
        <translation>Correspondencias</translation>
    </message>
    <message>
        <source>Row %1: enter the REDCap field, or remove the row.</source>
        <translation>Fila %1: introduzca el campo de REDCap o quite la fila.</translation>
    </message>
    <message>
        <source>Row %1: “%2” is not a REDCap field name (they have no spaces).</source>
        <translation>Fila %1: «%2» no es un nombre de campo de REDCap (no llevan espacios).</translation>
    </message>
    <message>
        <source>Row %1: choose the worklist column %2 goes to.</source>
        <translation>Fila %1: elija la columna de la lista de trabajo a la que va %2.</translation>
    </message>
    <message>
        <source>row %1 (%2)</source>
        <translation>fila %1 (%2)</translation>
    </message>
    <message>
        <source>Lantir does not write %1; this row writes nothing.</source>
        <translation>Lantir no escribe %1; esta fila no escribe nada.</translation>
    </message>
    <message>
        <source>Rows %1 and %2 both write %3; the later row wins when both have a value.</source>
        <translation>Las filas %1 y %2 escriben ambas %3; gana la última cuando las dos tienen un valor.</translation>
    </message>
    <message>
        <source>Not worklist columns Lantir writes, so these rows are kept (pylantir configurations use them) but write nothing: %1.</source>
        <translation>Estas columnas no las escribe Lantir: las filas se conservan (las configuraciones de pylantir las usan) pero no escriben nada: %1.</translation>
    </message>
</context>
<context>
    <name>Lantir::KeychainSecretStore</name>
    <message>
        <source>No keychain is available to read the API token from (%1).</source>
        <translation>No hay ningún llavero disponible para leer el token de la API (%1).</translation>
    </message>
    <message>
        <source>The API token could not be read from the keychain (%1).</source>
        <translation>No se pudo leer el token de la API del llavero (%1).</translation>
    </message>
    <message>
        <source>No keychain is available to store the API token in (%1).</source>
        <translation>No hay ningún llavero disponible para guardar el token de la API (%1).</translation>
    </message>
    <message>
        <source>The API token could not be stored in the keychain (%1).</source>
        <translation>No se pudo guardar el token de la API en el llavero (%1).</translation>
    </message>
    <message>
        <source>No keychain is available to delete the API token from (%1).</source>
        <translation>No hay ningún llavero disponible para eliminar el token de la API (%1).</translation>
    </message>
    <message>
        <source>The API token could not be deleted from the keychain (%1).</source>
        <translation>No se pudo eliminar el token de la API del llavero (%1).</translation>
    </message>
    <message>
        <source>No keychain is available to read the database password from (%1).</source>
        <translation>No hay ningún llavero disponible para leer la contraseña de la base de datos (%1).</translation>
    </message>
    <message>
        <source>The database password could not be read from the keychain (%1).</source>
        <translation>No se pudo leer la contraseña de la base de datos del llavero (%1).</translation>
    </message>
    <message>
        <source>No keychain is available to store the database password in (%1).</source>
        <translation>No hay ningún llavero disponible para guardar la contraseña de la base de datos (%1).</translation>
    </message>
    <message>
        <source>The database password could not be stored in the keychain (%1).</source>
        <translation>No se pudo guardar la contraseña de la base de datos en el llavero (%1).</translation>
    </message>
    <message>
        <source>No keychain is available to delete the database password from (%1).</source>
        <translation>No hay ningún llavero disponible para eliminar la contraseña de la base de datos (%1).</translation>
    </message>
    <message>
        <source>The database password could not be deleted from the keychain (%1).</source>
        <translation>No se pudo eliminar la contraseña de la base de datos del llavero (%1).</translation>
    </message>
</context>
<context>
    <name>Lantir::LogModel</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Debug</source>
        <translation>Depuración</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Información</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
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
        <translation>Icono del estado de sincronización</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>No sync yet</source>
        <translation>Aún no hay sincronizaciones</translation>
    </message>
    <message>
        <source>Memory OK</source>
        <translation>Memoria correcta</translation>
    </message>
    <message>
        <source>Pause or resume the scheduled syncs (Sync Now still works)</source>
        <translation>Pausar o reanudar las sincronizaciones programadas (Sincronizar ahora sigue funcionando)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausar</translation>
    </message>
    <message>
        <source>Run a sync cycle now (F5)</source>
        <translation>Ejecutar un ciclo de sincronización ahora (F5)</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <source>&amp;Memory</source>
        <translation>&amp;Memoria</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Periodo:</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Últimas 24 horas</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todo</translation>
    </message>
    <message>
        <source>Least-squares growth of the RSS at the end of each cycle, over the last 100 cycles</source>
        <translation>Crecimiento por mínimos cuadrados de la RSS al final de cada ciclo, en los últimos 100 ciclos</translation>
    </message>
    <message>
        <source>Growth: not enough cycles yet</source>
        <translation>Crecimiento: aún no hay ciclos suficientes</translation>
    </message>
    <message>
        <source>Memory per sync cycle</source>
        <translation>Memoria por ciclo de sincronización</translation>
    </message>
    <message>
        <source>&amp;Cycles</source>
        <translation>&amp;Ciclos</translation>
    </message>
    <message>
        <source>&amp;Worklist</source>
        <translation>&amp;Lista de trabajo</translation>
    </message>
    <message>
        <source>St&amp;atus:</source>
        <translation>Est&amp;ado:</translation>
    </message>
    <message>
        <source>Fr&amp;om</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>Scheduled from</source>
        <translation>Programado desde</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <source>Scheduled until</source>
        <translation>Programado hasta</translation>
    </message>
    <message>
        <source>Sea&amp;rch:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <source>Patient name, ID or accession</source>
        <translation>Nombre del paciente, ID o número de acceso</translation>
    </message>
    <message>
        <source>Read the worklist from the database again</source>
        <translation>Volver a leer la lista de trabajo de la base de datos</translation>
    </message>
    <message>
        <source>Reloa&amp;d</source>
        <translation>Recar&amp;gar</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Registro</translation>
    </message>
    <message>
        <source>Le&amp;vel:</source>
        <translation>Ni&amp;vel:</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Todo</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>Información y superior</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>Avisos y errores</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>Solo errores</translation>
    </message>
    <message>
        <source>Cl&amp;ear</source>
        <translation>&amp;Borrar</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>Sin&amp;cronización</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Export History as &amp;CSV…</source>
        <translation>Exportar el historial como &amp;CSV…</translation>
    </message>
    <message>
        <source>Export Chart as &amp;PNG…</source>
        <translation>Exportar el gráfico como &amp;PNG…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Pause Scheduled Syncs</source>
        <translation>&amp;Pausar las sincronizaciones programadas</translation>
    </message>
    <message>
        <source>&amp;About Lantir</source>
        <translation>Acerca &amp;de Lantir</translation>
    </message>
    <message>
        <source>History saved to %1</source>
        <translation>Historial guardado en %1</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programado</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completado</translation>
    </message>
    <message>
        <source>Discontinued</source>
        <translation>Interrumpido</translation>
    </message>
    <message>
        <source>Reading the sync history…</source>
        <translation>Leyendo el historial de sincronización…</translation>
    </message>
    <message>
        <source>Stored cycles read: %1</source>
        <translation>Ciclos guardados leídos: %1</translation>
    </message>
    <message>
        <source>No database configured yet.</source>
        <translation>Aún no hay ninguna base de datos configurada.</translation>
    </message>
    <message>
        <source>Reading the worklist…</source>
        <translation>Leyendo la lista de trabajo…</translation>
    </message>
    <message>
        <source>Worklist items: %1</source>
        <translation>Elementos de la lista de trabajo: %1</translation>
    </message>
    <message>
        <source>Worklist items: %1 of %2 shown</source>
        <translation>Elementos de la lista de trabajo: %1 de %2 mostrados</translation>
    </message>
    <message>
        <source>(the newest %1 only)</source>
        <translation>(solo los %1 más recientes)</translation>
    </message>
    <message>
        <source>&amp;Sync Again After This Cycle</source>
        <translation>&amp;Sincronizar de nuevo tras este ciclo</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>&amp;Resume Scheduled Syncs</source>
        <translation>&amp;Reanudar las sincronizaciones programadas</translation>
    </message>
    <message>
        <source>An export is already running.</source>
        <translation>Ya hay una exportación en curso.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Escribiendo %1…</translation>
    </message>
    <message>
        <source>Chart saved to %1</source>
        <translation>Gráfico guardado en %1</translation>
    </message>
    <message>
        <source>Could not save the chart to %1. Choose a folder you may write to.</source>
        <translation>No se pudo guardar el gráfico en %1. Elija una carpeta en la que pueda escribir.</translation>
    </message>
    <message>
        <source>Export History as CSV</source>
        <translation>Exportar el historial como CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export Chart as PNG</source>
        <translation>Exportar el gráfico como PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>About Lantir</source>
        <translation>Acerca de Lantir</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Lantir %1&lt;/h3&gt;&lt;p&gt;Syncs REDCap scan visits into the DICOM Modality Worklist database and keeps an eye on its own memory.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License, Version 2.0 (Apache-2.0).&lt;/p&gt;&lt;p&gt;Built with Qt %2, running on Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Lantir %1&lt;/h3&gt;&lt;p&gt;Sincroniza las visitas de exploración de REDCap en la base de datos DICOM Modality Worklist y vigila su propia memoria.&lt;/p&gt;&lt;p&gt;Publicado bajo la Licencia Apache, versión 2.0 (Apache-2.0).&lt;/p&gt;&lt;p&gt;Compilado con Qt %2, ejecutándose con Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not read the sync history: %1</source>
        <translation>No se pudo leer el historial de sincronización: %1</translation>
    </message>
    <message>
        <source>Could not read the worklist: %1</source>
        <translation>No se pudo leer la lista de trabajo: %1</translation>
    </message>
    <message>
        <source>Cancel them anyway</source>
        <translation>Cancelarlas de todos modos</translation>
    </message>
    <message>
        <source>The visits really were removed in REDCap: the next cycle takes their rows off the scanner&apos;s list, once.</source>
        <translation>Las visitas sí se eliminaron en REDCap: el próximo ciclo quita sus filas de la lista del escáner, una sola vez.</translation>
    </message>
    <message>
        <source>Sync one source only</source>
        <translation>Sincronizar solo una fuente</translation>
    </message>
    <message>
        <source>Sync one source</source>
        <translation>Sincronizar una fuente</translation>
    </message>
    <message>
        <source>Worklist database: %1</source>
        <translation>Base de datos de la lista de trabajo: %1</translation>
    </message>
</context>
<context>
    <name>Lantir::MemoryChartView</name>
    <message>
        <source>RSS at start</source>
        <translation>RSS al inicio</translation>
    </message>
    <message>
        <source>Peak RSS</source>
        <translation>RSS máxima</translation>
    </message>
    <message>
        <source>RSS at end</source>
        <translation>RSS al final</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Memoria (MB)</translation>
    </message>
    <message>
        <source>Critical (%1 MB)</source>
        <translation>Crítico (%1 MB)</translation>
    </message>
    <message>
        <source>Warning above %1 MB/h growth, critical above %2 MB</source>
        <translation>Aviso por encima de un crecimiento de %1 MB/h, crítico por encima de %2 MB</translation>
    </message>
    <message>
        <source>Memory warning · </source>
        <translation>Aviso de memoria · </translation>
    </message>
    <message>
        <source>Memory critical · </source>
        <translation>Memoria crítica · </translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>Cycle %1 at %2</source>
        <translation>Ciclo %1 a las %2</translation>
    </message>
    <message>
        <source>Cycle at %1</source>
        <translation>Ciclo a las %1</translation>
    </message>
    <message>
        <source>RSS start %1 MB, peak %2 MB, end %3 MB</source>
        <translation>RSS inicio %1 MB, máximo %2 MB, final %3 MB</translation>
    </message>
    <message>
        <source>Duration %1 s; fetched %2, new %3, updated %4</source>
        <translation>Duración %1 s; obtenidos %2, nuevos %3, actualizados %4</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Error: %1</translation>
    </message>
    <message>
        <source>%1 cycles from %2 to %3</source>
        <translation>%1 ciclos de %2 a %3</translation>
    </message>
    <message>
        <source>RSS start mean %1 MB; end mean %2 MB</source>
        <translation>RSS media al inicio %1 MB; media al final %2 MB</translation>
    </message>
    <message>
        <source>Peak RSS highest %1 MB, lowest %2 MB</source>
        <translation>RSS máxima más alta %1 MB, más baja %2 MB</translation>
    </message>
    <message>
        <source>Failed cycles among them: %1</source>
        <translation>Ciclos fallidos entre ellos: %1</translation>
    </message>
    <message>
        <source>Cycle %1 of %2 at %3</source>
        <translation>Ciclo %1 de %2 a las %3</translation>
    </message>
    <message>
        <source>Cycle of %1 at %2</source>
        <translation>Ciclo de %1 a las %2</translation>
    </message>
    <message>
        <source>Sources: %1</source>
        <translation>Fuentes: %1</translation>
    </message>
</context>
<context>
    <name>Lantir::RedcapFieldsPage</name>
    <message>
        <source>Where the scans are in the REDCap project: the repeating instrument with one row per scan, and the fields Lantir reads from it and from the record.</source>
        <translation>Dónde están las exploraciones en el proyecto de REDCap: el instrumento repetible con una fila por exploración y los campos que Lantir lee de él y del registro.</translation>
    </message>
    <message>
        <source>Scan &amp;instrument:</source>
        <translation>&amp;Instrumento de exploración:</translation>
    </message>
    <message>
        <source>e.g. mri</source>
        <translation>p. ej. mri</translation>
    </message>
    <message>
        <source>&amp;Record ID field:</source>
        <translation>Campo de ID de &amp;registro:</translation>
    </message>
    <message>
        <source>S&amp;ession field:</source>
        <translation>Campo de s&amp;esión:</translation>
    </message>
    <message>
        <source>&amp;Date field:</source>
        <translation>Campo de &amp;fecha:</translation>
    </message>
    <message>
        <source>&amp;Time field:</source>
        <translation>Campo de &amp;hora:</translation>
    </message>
    <message>
        <source>Stud&amp;y ID field:</source>
        <translation>Campo de ID de est&amp;udio:</translation>
    </message>
    <message>
        <source>&amp;Family ID field:</source>
        <translation>Campo de ID de &amp;familia:</translation>
    </message>
    <message>
        <source>REDCap fields</source>
        <translation>Campos de REDCap</translation>
    </message>
    <message>
        <source>Required: the name of a REDCap field or instrument.</source>
        <translation>Obligatorio: el nombre de un campo o instrumento de REDCap.</translation>
    </message>
    <message>
        <source>Enter the scan instrument and the names of the marked REDCap fields.</source>
        <translation>Introduzca el instrumento de exploración y los nombres de los campos de REDCap marcados.</translation>
    </message>
    <message>
        <source>REDCap names have no spaces: “%1”.</source>
        <translation>Los nombres de REDCap no llevan espacios: «%1».</translation>
    </message>
    <message>
        <source>“%1” is not a REDCap variable name: lower-case letters, digits and underscores, starting with a letter.</source>
        <translation>«%1» no es un nombre de variable de REDCap: letras minúsculas, dígitos y guiones bajos, empezando por una letra.</translation>
    </message>
</context>
<context>
    <name>Lantir::RedcapSourcePage</name>
    <message>
        <source>API &amp;URL:</source>
        <translation>&amp;URL de la API:</translation>
    </message>
    <message>
        <source>https://redcap.example.org/redcap/api/</source>
        <translation>https://redcap.example.org/redcap/api/</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>&amp;Token de la API:</translation>
    </message>
    <message>
        <source>32 hexadecimal characters</source>
        <translation>32 caracteres hexadecimales</translation>
    </message>
    <message>
        <source>Keep the token for this &amp;session only</source>
        <translation>Conservar el token solo durante esta &amp;sesión</translation>
    </message>
    <message>
        <source>Test &amp;connection</source>
        <translation>Probar la &amp;conexión</translation>
    </message>
    <message>
        <source>Ask REDCap for its version and the project&apos;s fields with this URL and token</source>
        <translation>Pedir a REDCap su versión y los campos del proyecto con esta URL y este token</translation>
    </message>
    <message>
        <source>Server time &amp;zone:</source>
        <translation>&amp;Zona horaria del servidor:</translation>
    </message>
    <message>
        <source>The time zone of the REDCap server; incremental syncs ask for changes in its local time</source>
        <translation>La zona horaria del servidor REDCap; las sincronizaciones incrementales piden los cambios en su hora local</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>Tamaño de &amp;lote:</translation>
    </message>
    <message>
        <source> records</source>
        <translation> registros</translation>
    </message>
    <message>
        <source>Hide the token</source>
        <translation>Ocultar el token</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>Mostrar el token</translation>
    </message>
    <message>
        <source>REDCap</source>
        <translation>REDCap</translation>
    </message>
    <message>
        <source>Enter the REDCap API URL, e.g. https://redcap.example.org/redcap/api/.</source>
        <translation>Introduzca la URL de la API de REDCap, p. ej. https://redcap.example.org/redcap/api/.</translation>
    </message>
    <message>
        <source>This is not a web address. Copy the API URL from the project&apos;s API page in REDCap.</source>
        <translation>Esto no es una dirección web. Copie la URL de la API desde la página API del proyecto en REDCap.</translation>
    </message>
    <message>
        <source>The address must start with https://.</source>
        <translation>La dirección debe empezar por https://.</translation>
    </message>
    <message>
        <source>Use https://: plain http:// would send the token unencrypted, so it is allowed only for this computer (localhost, 127.0.0.1).</source>
        <translation>Use https://: con http:// el token viajaría sin cifrar, así que solo se permite para este ordenador (localhost, 127.0.0.1).</translation>
    </message>
    <message>
        <source>The API URL ends with /api/ (e.g. https://redcap.example.org/redcap/api/).</source>
        <translation>La URL de la API termina en /api/ (p. ej. https://redcap.example.org/redcap/api/).</translation>
    </message>
    <message>
        <source>Enter the project&apos;s API token (REDCap: the project&apos;s API page).</source>
        <translation>Introduzca el token de la API del proyecto (REDCap: página API del proyecto).</translation>
    </message>
    <message>
        <source>An API token has 32 characters, not %1.</source>
        <translation>Un token de la API tiene 32 caracteres, no %1.</translation>
    </message>
    <message>
        <source>An API token contains only the digits 0-9 and the letters A-F.</source>
        <translation>Un token de la API solo contiene los dígitos 0-9 y las letras A-F.</translation>
    </message>
    <message>
        <source>Enter a batch size from %1 to %2 records.</source>
        <translation>Introduzca un tamaño de lote de %1 a %2 registros.</translation>
    </message>
    <message>
        <source>%1 is not a time zone this computer knows.</source>
        <translation>%1 no es una zona horaria que este ordenador conozca.</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Sistema (%1)</translation>
    </message>
    <message>
        <source>Reading the token from the keychain…</source>
        <translation>Leyendo el token del llavero…</translation>
    </message>
    <message>
        <source>fix the API URL and token first.</source>
        <translation>corrija primero la URL de la API y el token.</translation>
    </message>
    <message>
        <source>Stop &amp;test</source>
        <translation>Detener la &amp;prueba</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando con %1…</translation>
    </message>
    <message>
        <source>Connected to REDCap %1; fields in the project: %2.</source>
        <translation>Conectado a REDCap %1; campos del proyecto: %2.</translation>
    </message>
    <message>
        <source>Not in the project&apos;s data dictionary: %1. Check the names on the REDCap fields tab.</source>
        <translation>No están en el diccionario de datos del proyecto: %1. Compruebe los nombres en la pestaña Campos de REDCap.</translation>
    </message>
    <message>
        <source>Connection test stopped.</source>
        <translation>Prueba de conexión detenida.</translation>
    </message>
    <message>
        <source>Connection failed: %1</source>
        <translation>La conexión falló: %1</translation>
    </message>
    <message>
        <source>Remove the user name and password from the address: REDCap&apos;s API needs only the token.</source>
        <translation>Quite el nombre de usuario y la contraseña de la dirección: la API de REDCap solo necesita el token.</translation>
    </message>
    <message>
        <source>Remove everything after /api/ (a &apos;?&apos; or &apos;#&apos; part) from the address.</source>
        <translation>Quite de la dirección todo lo que sigue a /api/ (una parte «?» o «#»).</translation>
    </message>
    <message>
        <source>Remove the spaces or line breaks around the API token.</source>
        <translation>Quite los espacios o saltos de línea alrededor del token de la API.</translation>
    </message>
</context>
<context>
    <name>Lantir::SchedulePage</name>
    <message>
        <source>Sync &amp;every:</source>
        <translation>Sincronizar &amp;cada:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Operation &amp;window:</source>
        <translation>&amp;Franja de funcionamiento:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Incremental &amp;overlap:</source>
        <translation>&amp;Solapamiento incremental:</translation>
    </message>
    <message>
        <source>Each sync also asks for changes made this long before the previous one, so nothing edited during a sync is missed.</source>
        <translation>Cada sincronización pide también los cambios hechos durante este tiempo antes de la anterior, para no perder nada de lo que se editó durante una sincronización.</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Programación</translation>
    </message>
    <message>
        <source>Enter the sync interval in seconds.</source>
        <translation>Introduzca el intervalo de sincronización en segundos.</translation>
    </message>
    <message>
        <source>The shortest sync interval is %1 seconds.</source>
        <translation>El intervalo de sincronización más corto es de %1 segundos.</translation>
    </message>
    <message>
        <source>Enter the start of the operation window as hours and minutes, e.g. 08:00.</source>
        <translation>Introduzca el inicio de la franja de funcionamiento en horas y minutos, p. ej. 08:00.</translation>
    </message>
    <message>
        <source>Enter the end of the operation window as hours and minutes, e.g. 18:00.</source>
        <translation>Introduzca el final de la franja de funcionamiento en horas y minutos, p. ej. 18:00.</translation>
    </message>
    <message>
        <source>Enter the overlap in seconds (0 or more).</source>
        <translation>Introduzca el solapamiento en segundos (0 o más).</translation>
    </message>
    <message>
        <source>Same start and end: Lantir syncs all day.</source>
        <translation>Mismo inicio y fin: Lantir sincroniza todo el día.</translation>
    </message>
    <message>
        <source>Crosses midnight: Lantir syncs from %1 until %2 the next morning.</source>
        <translation>Pasa la medianoche: Lantir sincroniza desde las %1 hasta las %2 de la mañana siguiente.</translation>
    </message>
    <message>
        <source>Lantir syncs from %1 to %2 each day.</source>
        <translation>Lantir sincroniza de %1 a %2 cada día.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>Lantir::SettingsDialog</name>
    <message>
        <source>Lantir Settings</source>
        <translation>Configuración de Lantir</translation>
    </message>
    <message>
        <source>&amp;Import pylantir config…</source>
        <translation>&amp;Importar configuración de pylantir…</translation>
    </message>
    <message>
        <source>Fill these settings from an existing pylantir mwl_config.json</source>
        <translation>Rellenar esta configuración a partir de un mwl_config.json de pylantir existente</translation>
    </message>
    <message>
        <source>Lantir cannot use a keychain on this computer, so it cannot store the API token safely (%1). You can keep the token for this session only: Lantir then forgets it when it quits, and you enter it again when you start Lantir.</source>
        <translation>Lantir no puede usar ningún llavero en este ordenador, así que no puede guardar el token de la API de forma segura (%1). Puede conservar el token solo durante esta sesión: Lantir lo olvida al salir y usted lo vuelve a introducir al iniciar Lantir.</translation>
    </message>
    <message>
        <source>The token is kept for this session only: Lantir forgets it when it quits.</source>
        <translation>El token se conserva solo durante esta sesión: Lantir lo olvida al salir.</translation>
    </message>
    <message>
        <source>Imported %1. Check the values, then press OK or Apply to save them.</source>
        <translation>%1 importado. Revise los valores y pulse Aceptar o Aplicar para guardarlos.</translation>
    </message>
    <message>
        <source>Saving the token…</source>
        <translation>Guardando el token…</translation>
    </message>
    <message>
        <source>Settings to fix before saving: %1.</source>
        <translation>Ajustes por corregir antes de guardar: %1.</translation>
    </message>
    <message>
        <source>The token was not saved. Tick “Keep the token for this session only” to use it until Lantir quits.</source>
        <translation>El token no se guardó. Marque «Conservar el token solo durante esta sesión» para usarlo hasta que Lantir se cierre.</translation>
    </message>
    <message>
        <source>The token was not saved: %1</source>
        <translation>El token no se guardó: %1</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>No se pudo importar %1: %2</translation>
    </message>
    <message>
        <source>Import pylantir configuration</source>
        <translation>Importar configuración de pylantir</translation>
    </message>
    <message>
        <source>JSON configuration (*.json);;All files (*)</source>
        <translation>Configuración JSON (*.json);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>%1 more notes about the file: point at this text to read them all.</source>
        <translation>%1 notas más sobre el archivo: sitúe el puntero sobre este texto para leerlas todas.</translation>
    </message>
    <message>
        <source>&amp;Reload from the file</source>
        <translation>&amp;Recargar desde el archivo</translation>
    </message>
    <message>
        <source>Discard your edits and show the settings now in the file</source>
        <translation>Descartar sus cambios y mostrar los ajustes que tiene ahora el archivo</translation>
    </message>
    <message>
        <source>&amp;Keep my edits</source>
        <translation>&amp;Conservar mis cambios</translation>
    </message>
    <message>
        <source>Keep editing; OK or Apply then replaces the file with your settings</source>
        <translation>Seguir editando; Aceptar o Aplicar reemplaza entonces el archivo con sus ajustes</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Fuentes</translation>
    </message>
    <message>
        <source>The REDCap projects Lantir syncs into the one worklist; the tabs edit the one selected</source>
        <translation>Los proyectos REDCap que Lantir sincroniza en la lista de trabajo; las pestañas editan el seleccionado</translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation>&amp;Activada</translation>
    </message>
    <message>
        <source>A disabled source is not synced; its worklist rows stay</source>
        <translation>Una fuente desactivada no se sincroniza; sus filas de la lista de trabajo se conservan</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>A&amp;dd</source>
        <translation>A&amp;ñadir</translation>
    </message>
    <message>
        <source>Rena&amp;me</source>
        <translation>Reno&amp;mbrar</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>%1 (disabled)</source>
        <translation>%1 (desactivada)</translation>
    </message>
    <message>
        <source>Sources (%1)</source>
        <translation>Fuentes (%1)</translation>
    </message>
    <message>
        <source>Enter a name for the source: it is written to every worklist row it syncs.</source>
        <translation>Escriba un nombre para la fuente: se escribe en cada fila que sincroniza.</translation>
    </message>
    <message>
        <source>Another source is already called %1: each source needs a name of its own.</source>
        <translation>Otra fuente ya se llama %1: cada fuente necesita un nombre propio.</translation>
    </message>
    <message>
        <source>The name is part of every worklist row&apos;s identity: rows synced as “%1” stay under that name, and the next cycles write “%2”. Press Rename to rename.</source>
        <translation>El nombre forma parte de la identidad de cada fila de la lista de trabajo: las filas sincronizadas como «%1» conservan ese nombre, y los próximos ciclos escriben «%2». Pulse Renombrar para renombrar.</translation>
    </message>
    <message>
        <source>Renamed from “%1”: rows synced under “%1” stay under it; from the next cycle this source writes “%2”.</source>
        <translation>Renombrada desde «%1»: las filas sincronizadas como «%1» lo conservan; desde el próximo ciclo esta fuente escribe «%2».</translation>
    </message>
    <message>
        <source>REDCap %1</source>
        <translation>REDCap %1</translation>
    </message>
    <message>
        <source>%1: enter its REDCap API URL.</source>
        <translation>%1: escriba su URL de la API de REDCap.</translation>
    </message>
    <message>
        <source>%1: enter its API token.</source>
        <translation>%1: escriba su token de API.</translation>
    </message>
    <message>
        <source>Select a source to fix it:</source>
        <translation>Seleccione una fuente para corregirla:</translation>
    </message>
    <message>
        <source>%1 changed on disk but does not load: %2 The settings here are kept.</source>
        <translation>%1 cambió en el disco pero no se carga: %2 Se conservan los ajustes de aquí.</translation>
    </message>
    <message>
        <source>%1 changed on disk; the dialog shows the new settings.</source>
        <translation>%1 cambió en el disco; el diálogo muestra los ajustes nuevos.</translation>
    </message>
    <message>
        <source>%1 was changed by someone else while you were editing. Reload the file&apos;s settings (your edits here are lost), or keep your edits (OK or Apply then replaces the file with them).</source>
        <translation>Otra persona cambió %1 mientras usted editaba. Recargue los ajustes del archivo (se pierden sus cambios de aquí) o conserve sus cambios (Aceptar o Aplicar reemplaza entonces el archivo con ellos).</translation>
    </message>
    <message>
        <source>The dialog shows the settings of %1.</source>
        <translation>El diálogo muestra los ajustes de %1.</translation>
    </message>
    <message>
        <source>Your edits are kept: OK or Apply replaces %1 with them.</source>
        <translation>Sus cambios se conservan: Aceptar o Aplicar reemplaza %1 con ellos.</translation>
    </message>
    <message>
        <source>A source&apos;s name has at most %1 characters.</source>
        <translation>El nombre de una fuente tiene como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>A source&apos;s name is one line, without tabs.</source>
        <translation>El nombre de una fuente ocupa una línea, sin tabulaciones.</translation>
    </message>
    <message>
        <source>The password was not saved: no keychain works on this computer. Tick “Keep the token for this session only” on the REDCap page to keep it, with the tokens, until Lantir quits.</source>
        <translation>La contraseña no se guardó: ningún llavero funciona en este equipo. Marque «Conservar el token solo durante esta sesión» en la página REDCap para conservarla, con los tokens, hasta que Lantir se cierre.</translation>
    </message>
    <message>
        <source>The password was not saved: %1</source>
        <translation>La contraseña no se guardó: %1</translation>
    </message>
</context>
<context>
    <name>Lantir::SourceSyncMenu</name>
    <message>
        <source>Sync %1 Now</source>
        <translation>Sincronizar %1 ahora</translation>
    </message>
</context>
<context>
    <name>Lantir::SyncStatus</name>
    <message>
        <source>Not configured</source>
        <translation>Sin configurar</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Outside the operation window</source>
        <translation>Fuera de la franja de funcionamiento</translation>
    </message>
    <message>
        <source>No sync yet</source>
        <translation>Aún no hay sincronizaciones</translation>
    </message>
    <message>
        <source>Sync Now queued: it starts when this cycle ends</source>
        <translation>Sincronización en cola: empezará cuando termine este ciclo</translation>
    </message>
    <message>
        <source>Sync in progress</source>
        <translation>Sincronización en curso</translation>
    </message>
    <message>
        <source>Scheduled syncs paused</source>
        <translation>Sincronizaciones programadas en pausa</translation>
    </message>
    <message>
        <source>Open Settings to enter the REDCap address and token</source>
        <translation>Abra la configuración para introducir la dirección y el token de REDCap</translation>
    </message>
    <message>
        <source>No sync scheduled</source>
        <translation>No hay sincronizaciones programadas</translation>
    </message>
    <message>
        <source>Next sync at %1, when the operation window opens</source>
        <translation>Próxima sincronización a las %1, cuando se abra la franja de funcionamiento</translation>
    </message>
    <message>
        <source>Next sync in %1</source>
        <translation>Próxima sincronización dentro de %1</translation>
    </message>
    <message>
        <source>Growth: %1 MB/h over the last %2 cycles</source>
        <translation>Crecimiento: %1 MB/h en los últimos %2 ciclos</translation>
    </message>
    <message>
        <source>Memory OK</source>
        <translation>Memoria correcta</translation>
    </message>
    <message>
        <source>Memory warning: %1</source>
        <translation>Aviso de memoria: %1</translation>
    </message>
    <message>
        <source>Memory critical: %1</source>
        <translation>Memoria crítica: %1</translation>
    </message>
    <message>
        <source>Lantir: %1</source>
        <translation>Lantir: %1</translation>
    </message>
    <message>
        <source>Memory: %1 MB</source>
        <translation>Memoria: %1 MB</translation>
    </message>
    <message>
        <source>Last sync at %1 failed: %2</source>
        <translation>La última sincronización a las %1 falló: %2</translation>
    </message>
    <message>
        <source>Last sync at %1: %2 new, %3 updated, %4 unchanged</source>
        <translation>Última sincronización a las %1: %2 nuevas, %3 actualizadas, %4 sin cambios</translation>
    </message>
    <message>
        <source>Memory warning</source>
        <translation>Aviso de memoria</translation>
    </message>
    <message>
        <source>Memory critical</source>
        <translation>Memoria crítica</translation>
    </message>
    <message>
        <source>Memory is growing by %1 MB per hour over the last %2 cycles (warning above %3 MB per hour; now %4 MB). Keep an eye on it; if it keeps rising, restart Lantir and report the &quot;Memory trend&quot; log lines.</source>
        <translation>La memoria crece %1 MB por hora en los últimos %2 ciclos (aviso por encima de %3 MB por hora; ahora %4 MB). Vigílela; si sigue subiendo, reinicie Lantir e informe de las líneas «Memory trend» del registro.</translation>
    </message>
    <message>
        <source>Memory use is %1 MB, above the critical limit of %2 MB (growing %3 MB per hour). Restart Lantir to get the memory back, and report the &quot;Memory cleanup&quot; and &quot;Memory trend&quot; log lines so the cause can be found.</source>
        <translation>La memoria en uso es de %1 MB, por encima del límite crítico de %2 MB (crece %3 MB por hora). Reinicie Lantir para recuperar la memoria e informe de las líneas «Memory cleanup» y «Memory trend» del registro para que se pueda encontrar la causa.</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation>La sincronización falló: %1</translation>
    </message>
    <message>
        <source>Growth: warming up (%1 of %2 cycles)</source>
        <translation>Crecimiento: fase de arranque (%1 de %2 ciclos)</translation>
    </message>
    <message>
        <source>Growth: flat over the last %1 cycles (%2 MB in all)</source>
        <translation>Crecimiento: estable en los últimos %1 ciclos (%2 MB en total)</translation>
    </message>
    <message>
        <source>Last sync (%1) at %2 failed: %3</source>
        <translation>La última sincronización (%1) a las %2 falló: %3</translation>
    </message>
    <message>
        <source>Last sync (%1) at %2: %3 new, %4 updated, %5 unchanged</source>
        <translation>Última sincronización (%1) a las %2: %3 nuevas, %4 actualizadas, %5 sin cambios</translation>
    </message>
    <message>
        <source>No source enabled: open Settings to enable one</source>
        <translation>Ninguna fuente activada: abra Configuración para activar una</translation>
    </message>
    <message>
        <source>%1 fails: %2</source>
        <translation>%1 falla: %2</translation>
    </message>
    <message>
        <source>Source %1: not synced yet</source>
        <translation>Fuente %1: aún sin sincronizar</translation>
    </message>
    <message>
        <source>%1 sources: not synced yet</source>
        <translation>%1 fuentes: aún sin sincronizar</translation>
    </message>
    <message>
        <source>Source %1 OK</source>
        <translation>Fuente %1 correcta</translation>
    </message>
    <message>
        <source>%1 of %2 sources synced, all OK</source>
        <translation>%1 de %2 fuentes sincronizadas, todas correctas</translation>
    </message>
    <message>
        <source>All %1 sources OK</source>
        <translation>Las %1 fuentes están correctas</translation>
    </message>
    <message>
        <source>Last check (%1) at %2: synced by %3</source>
        <translation>Última comprobación (%1) a las %2: sincronizada por %3</translation>
    </message>
    <message>
        <source>Last check at %1: synced by %2</source>
        <translation>Última comprobación a las %1: sincronizada por %2</translation>
    </message>
    <message>
        <source>%1: synced by %2</source>
        <translation>%1: sincronizada por %2</translation>
    </message>
</context>
<context>
    <name>Lantir::TrayIcon</name>
    <message>
        <source>Lantir: sync failed</source>
        <translation>Lantir: la sincronización falló</translation>
    </message>
    <message>
        <source>Lantir: sync working again</source>
        <translation>Lantir: la sincronización vuelve a funcionar</translation>
    </message>
    <message>
        <source>The sync works again (failed cycles before it: %1): %2 new, %3 updated.</source>
        <translation>La sincronización vuelve a funcionar (ciclos fallidos antes: %1): %2 nuevos, %3 actualizados.</translation>
    </message>
    <message>
        <source>Lantir: memory critical</source>
        <translation>Lantir: memoria crítica</translation>
    </message>
    <message>
        <source>Lantir: memory warning</source>
        <translation>Lantir: aviso de memoria</translation>
    </message>
    <message>
        <source>Show &amp;Window</source>
        <translation>Mostrar la &amp;ventana</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>C&amp;onfiguración…</translation>
    </message>
    <message>
        <source>&amp;Quit Lantir</source>
        <translation>&amp;Salir de Lantir</translation>
    </message>
    <message>
        <source>&amp;Resume Scheduled Syncs</source>
        <translation>&amp;Reanudar las sincronizaciones programadas</translation>
    </message>
    <message>
        <source>&amp;Pause Scheduled Syncs</source>
        <translation>&amp;Pausar las sincronizaciones programadas</translation>
    </message>
    <message>
        <source>&amp;Sync Again After This Cycle</source>
        <translation>&amp;Sincronizar de nuevo tras este ciclo</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <source>Lantir: visits removed</source>
        <translation>Lantir: visitas eliminadas</translation>
    </message>
    <message>
        <source>1 visit was removed in REDCap and leaves the scanner&apos;s list.</source>
        <translation>1 visita se eliminó en REDCap y sale de la lista del escáner.</translation>
    </message>
    <message numerus="yes">
        <source>%n visits were removed in REDCap and leave the scanner&apos;s list.</source>
        <translation>
            <numerusform>%n visita se eliminó en REDCap y sale de la lista del escáner.</numerusform>
            <numerusform>%n visitas se eliminaron en REDCap y salen de la lista del escáner.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync One S&amp;ource</source>
        <translation>Sincronizar una f&amp;uente</translation>
    </message>
</context>
<context>
    <name>Lantir::WorklistPage</name>
    <message>
        <source>&amp;Site:</source>
        <translation>&amp;Sitio:</translation>
    </message>
    <message>
        <source>e.g. 792</source>
        <translation>p. ej. 792</translation>
    </message>
    <message>
        <source>&amp;Protocol:</source>
        <translation>&amp;Protocolo:</translation>
    </message>
    <message>
        <source>Used when the site has no protocol of its own</source>
        <translation>Se usa cuando el sitio no tiene protocolo propio</translation>
    </message>
    <message>
        <source>Protocol by s&amp;ite:</source>
        <translation>Protocolo por s&amp;itio:</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Sitio</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocolo</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Añadir</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>C&amp;oding scheme:</source>
        <translation>Esquema de c&amp;odificación:</translation>
    </message>
    <message>
        <source>e.g. GEHC (hisris_coding_designator); empty: not written</source>
        <translation>p. ej. GEHC (hisris_coding_designator); vacío: no se escribe</translation>
    </message>
    <message>
        <source>Patient &amp;name:</source>
        <translation>&amp;Nombre del paciente:</translation>
    </message>
    <message>
        <source>Patient I&amp;D:</source>
        <translation>I&amp;D del paciente:</translation>
    </message>
    <message>
        <source>Worklist</source>
        <translation>Lista de trabajo</translation>
    </message>
    <message>
        <source>Unknown placeholder %1: use {study}, {family}, {session}, {site} or {record}.</source>
        <translation>Marcador desconocido %1: use {study}, {family}, {session}, {site} o {record}.</translation>
    </message>
    <message>
        <source>Enter a patient ID pattern: the scanner finds its worklist entries by patient ID.</source>
        <translation>Introduzca un patrón de ID de paciente: el escáner encuentra sus entradas de la lista de trabajo por ID de paciente.</translation>
    </message>
    <message>
        <source>Row %1: enter the site, or remove the row.</source>
        <translation>Fila %1: introduzca el sitio o quite la fila.</translation>
    </message>
    <message>
        <source>Row %1: site %2 is already in row %3.</source>
        <translation>Fila %1: el sitio %2 ya está en la fila %3.</translation>
    </message>
    <message>
        <source>Row %1: enter the protocol for site %2.</source>
        <translation>Fila %1: introduzca el protocolo del sitio %2.</translation>
    </message>
    <message>
        <source>Example: %1</source>
        <translation>Ejemplo: %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>No site and no protocol: protocol_name stays empty.</source>
        <translation>Sin sitio ni protocolo: protocol_name queda vacío.</translation>
    </message>
    <message>
        <source>No protocol for site %1: protocol_name stays empty.</source>
        <translation>No hay protocolo para el sitio %1: protocol_name queda vacío.</translation>
    </message>
    <message>
        <source>Protocol written: %1</source>
        <translation>Protocolo escrito: %1</translation>
    </message>
    <message>
        <source>Protocol written for site %1: %2</source>
        <translation>Protocolo escrito para el sitio %1: %2</translation>
    </message>
    <message>
        <source>Placeholders: {study} and {family} (the part of the study and family IDs after the last “-”), {session}, {site} and {record}. The examples use record %1 with study ID %2, family ID %3 and session %4.</source>
        <translation>Marcadores: {study} y {family} (la parte de los ID de estudio y de familia tras el último «-»), {session}, {site} y {record}. Los ejemplos usan el registro %1 con el ID de estudio %2, el ID de familia %3 y la sesión %4.</translation>
    </message>
</context>
<context>
    <name>Lantir::WorklistServerPage</name>
    <message>
        <source>&amp;Serve the worklist to scanners (DICOM Modality Worklist and MPPS)</source>
        <translation>&amp;Servir la lista de trabajo a los equipos (DICOM Modality Worklist y MPPS)</translation>
    </message>
    <message>
        <source>&amp;AE title:</source>
        <translation>Título &amp;AE:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Escuchar en:</translation>
    </message>
    <message>
        <source>every network interface</source>
        <translation>todas las interfaces de red</translation>
    </message>
    <message>
        <source>Allowed &amp;scanners:</source>
        <translation>Equipos &amp;permitidos:</translation>
    </message>
    <message>
        <source>any calling AE title</source>
        <translation>cualquier título AE llamante</translation>
    </message>
    <message>
        <source>The calling AE titles of the scanners that may connect, separated by commas; empty lets any scanner in.</source>
        <translation>Los títulos AE llamantes de los equipos que pueden conectarse, separados por comas; vacío admite cualquier equipo.</translation>
    </message>
    <message>
        <source>Refuse scanners that &amp;call another AE title</source>
        <translation>Rechazar los equipos que &amp;llaman a otro título AE</translation>
    </message>
    <message>
        <source>Default s&amp;tation AE:</source>
        <translation>AE de es&amp;tación por defecto:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Sent as Scheduled Station AE Title for visits that name no station.</source>
        <translation>Se envía como Scheduled Station AE Title para las visitas que no indican estación.</translation>
    </message>
    <message>
        <source>&amp;Test (C-ECHO)</source>
        <translation>&amp;Probar (C-ECHO)</translation>
    </message>
    <message>
        <source>Not a valid AE title: %1.</source>
        <translation>Título AE no válido: %1.</translation>
    </message>
    <message>
        <source>Worklist server</source>
        <translation>Servidor de worklist</translation>
    </message>
    <message>
        <source>Enter an IPv4 address of this computer (e.g. 192.168.1.20), or leave it empty to listen on every interface.</source>
        <translation>Introduzca una dirección IPv4 de este ordenador (p. ej. 192.168.1.20), o déjela vacía para escuchar en todas las interfaces.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Probando…</translation>
    </message>
    <message>
        <source>The worklist server answered the C-ECHO in %1 ms.</source>
        <translation>El servidor de worklist respondió al C-ECHO en %1 ms.</translation>
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
        <translation>UID de instancia del estudio</translation>
    </message>
    <message>
        <source>Patient name</source>
        <translation>Nombre del paciente</translation>
    </message>
    <message>
        <source>Patient ID</source>
        <translation>ID del paciente</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Sexo</translation>
    </message>
    <message>
        <source>Weight (lb)</source>
        <translation>Peso (lb)</translation>
    </message>
    <message>
        <source>Accession number</source>
        <translation>Número de acceso</translation>
    </message>
    <message>
        <source>Referring physician</source>
        <translation>Médico remitente</translation>
    </message>
    <message>
        <source>Modality</source>
        <translation>Modalidad</translation>
    </message>
    <message>
        <source>Study description</source>
        <translation>Descripción del estudio</translation>
    </message>
    <message>
        <source>Station AE title</source>
        <translation>Título AE de la estación</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Performing physician</source>
        <translation>Médico ejecutante</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procedimiento</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocolo</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Estación</translation>
    </message>
    <message>
        <source>Coding designator</source>
        <translation>Designador de codificación</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Start in the notification area.</source>
        <translation>Iniciar en el área de notificación.</translation>
    </message>
    <message>
        <source>Use this Lantir or pylantir JSON config instead of the saved settings.</source>
        <translation>Usar esta configuración JSON de Lantir o de pylantir en lugar de la configuración guardada.</translation>
    </message>
    <message>
        <source>Keep the settings in this INI file instead of the user&apos;s.</source>
        <translation>Guardar la configuración en este archivo INI en lugar del del usuario.</translation>
    </message>
    <message>
        <source>Read the REDCap API token from FILE (with --config; default $REDCAP_API_TOKEN).</source>
        <translation>Leer el token de la API de REDCap de FILE (con --config; por omisión $REDCAP_API_TOKEN).</translation>
    </message>
    <message>
        <source>Worklist database (SQLite), overriding the config.</source>
        <translation>Base de datos de la lista de trabajo (SQLite), en lugar de la de la configuración.</translation>
    </message>
    <message>
        <source>After some cycles, save screenshots of each view to DIR, then quit.</source>
        <translation>Tras algunos ciclos, guardar capturas de pantalla de cada vista en DIR y salir.</translation>
    </message>
    <message>
        <source>Cycles to wait for before the screenshots (default 3).</source>
        <translation>Ciclos que esperar antes de las capturas (3 por omisión).</translation>
    </message>
    <message>
        <source>Keeps the DICOM Modality Worklist in step with REDCap and shows how it goes.</source>
        <translation>Mantiene la DICOM Modality Worklist al día con REDCap y muestra cómo va.</translation>
    </message>
    <message>
        <source>Run N cycles one after another, then quit (memory benchmark).</source>
        <translation>Ejecutar N ciclos uno tras otro y salir (medición de memoria).</translation>
    </message>
    <message>
        <source>With --cycles: export every record each cycle.</source>
        <translation>Con --cycles: exportar todos los registros en cada ciclo.</translation>
    </message>
    <message>
        <source>With --cycles: write each cycle&apos;s report and the app&apos;s memory to FILE, one JSON line a cycle.</source>
        <translation>Con --cycles: escribir el informe de cada ciclo y la memoria de la aplicación en FILE, una línea JSON por ciclo.</translation>
    </message>
    <message>
        <source>--cycles needs a whole number above 0.</source>
        <translation>--cycles necesita un número entero mayor que 0.</translation>
    </message>
</context>
</TS>
