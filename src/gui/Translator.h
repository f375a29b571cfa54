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
// Lantir's .qm files are built into the program under :/i18n, so they are found wherever it runs.
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

    QString m_language;
    QString m_effective = QStringLiteral("en");
    bool m_applied = false;
    bool m_speaksLanguage = true;
    QTranslator* m_qtTranslator = nullptr;
    QTranslator* m_lantirTranslator = nullptr;
    QPointer<AppSettings> m_settings;
};

} // namespace Lantir
