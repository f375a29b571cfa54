<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>Lantir::AppSettings</name>
    <message>
        <source>The settings could not be written to %1: check that the file and its folder are writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings file %1 is damaged; fix or remove it and save again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Lantir::KeychainSecretStore</name>
    <message>
        <source>No keychain is available to read the API token from (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API token could not be read from the keychain (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available to store the API token in (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API token could not be stored in the keychain (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available to delete the API token from (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API token could not be deleted from the keychain (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
