#pragma once

#include <QLocale>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QTranslator;

namespace Lantir {

class AppSettings;

// Installs Qt's and Lantir's translations for a language, or for the system locale, and switches
// them at run time: every widget then receives a QEvent::LanguageChange and retranslates itself.
// Lantir's .qm files are looked for first in <bin>/../share/lantir/translations, where the
// packages install them, then in the copies built into the program under :/i18n, so they are
// found wherever it runs (the build tree, the tests, a bundle).
class Translator : public QObject
{
    Q_OBJECT

public:
    explicit Translator(QObject* parent = nullptr);
    ~Translator() override;

    // "" follows the system's UI languages; otherwise a code such as "fr". Returns true when the
    // user interface now speaks that language (English needs no translation file).
    bool setLanguage(const QString& language);

    // What was asked for ("" = system) and what is in use ("en", "fr", "es").
    QString language() const;
    QString effectiveLanguage() const;

    // The folders searched for lantir_<language>.qm, first match wins. The default is
    // defaultTranslationDirs(); a new list applies from the next setLanguage().
    QStringList translationDirs() const;
    void setTranslationDirs(const QStringList& dirs);
    // The installed folder beside the program's bin/ (when an application object exists), then
    // the built-in ":/i18n".
    static QStringList defaultTranslationDirs();
    // The Lantir .qm file in use; empty for English.
    QString translationFile() const;

    // Applies settings->language() now and again whenever the settings change.
    void follow(AppSettings* settings);

    // Languages Lantir is translated into, English first.
    static QStringList availableLanguages();
    // The language's own name ("Français"), for a language menu.
    static QString nativeName(const QString& language);

Q_SIGNALS:
    void languageChanged(const QString& effectiveLanguage);

private:
    void removeInstalled();

    QStringList m_translationDirs;
    QString m_language;
    QString m_effective = QStringLiteral("en");
    bool m_applied = false;
    bool m_speaksLanguage = true;
    QTranslator* m_qtTranslator = nullptr;
    QTranslator* m_lantirTranslator = nullptr;
    QPointer<AppSettings> m_settings;
};

} // namespace Lantir
