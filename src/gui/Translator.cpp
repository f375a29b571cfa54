#include "Translator.h"

#include "AppSettings.h"
#include "base/Logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

namespace Lantir {

namespace {

const QString ResourceDir = QStringLiteral(":/i18n");
// Where the installed program's translations are, relative to the folder of the program (bin/):
// the FHS layout that the Debian package and the Windows installer use.
const QString InstalledDir = QStringLiteral("/../share/lantir/translations");

// Where Qt's own translations (qtbase_fr.qm) may be: beside a deployed program, then Qt's.
QStringList qtTranslationDirs()
{
    return { QCoreApplication::applicationDirPath() + QStringLiteral("/translations"),
             QLibraryInfo::path(QLibraryInfo::TranslationsPath) };
}

} // namespace

Translator::Translator(QObject* parent)
    : QObject(parent)
    , m_translationDirs(defaultTranslationDirs())
{
}

Translator::~Translator()
{
    removeInstalled();
}

QStringList Translator::availableLanguages()
{
    return { QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("es") };
}

QString Translator::nativeName(const QString& language)
{
    // Each language's own name, as people look for it in a menu (QLocale would say
    // "español de España" for "es").
    if (language == QLatin1String("en"))
        return QStringLiteral("English");
    if (language == QLatin1String("fr"))
        return QStringLiteral("Français");
    if (language == QLatin1String("es"))
        return QStringLiteral("Español");
    QString name = QLocale(language).nativeLanguageName();
    if (!name.isEmpty())
        name[0] = name.at(0).toUpper();
    return name;
}

QStringList Translator::defaultTranslationDirs()
{
    QStringList dirs;
    // Without an application object there is no program folder to start from.
    if (QCoreApplication::instance())
        dirs.append(QDir::cleanPath(QCoreApplication::applicationDirPath() + InstalledDir));
    dirs.append(ResourceDir);
    return dirs;
}

QStringList Translator::translationDirs() const
{
    return m_translationDirs;
}

void Translator::setTranslationDirs(const QStringList& dirs)
{
    m_translationDirs = dirs;
    // The next setLanguage() looks again, even for the language in use.
    m_applied = false;
}

QString Translator::translationFile() const
{
    return m_lantirTranslator ? m_lantirTranslator->filePath() : QString();
}

QString Translator::language() const
{
    return m_language;
}

QString Translator::effectiveLanguage() const
{
    return m_effective;
}

void Translator::removeInstalled()
{
    if (m_lantirTranslator) {
        QCoreApplication::removeTranslator(m_lantirTranslator);
        delete m_lantirTranslator;
        m_lantirTranslator = nullptr;
    }
    if (m_qtTranslator) {
        QCoreApplication::removeTranslator(m_qtTranslator);
        delete m_qtTranslator;
        m_qtTranslator = nullptr;
    }
}

bool Translator::setLanguage(const QString& language)
{
    if (m_applied && language == m_language)
        return m_speaksLanguage;

    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);

    // The first folder that has a translation for the locale wins: the installed files, then the
    // built-in ones.
    auto lantir = std::make_unique<QTranslator>();
    bool haveLantir = false;
    for (const QString& dir : qAsConst(m_translationDirs)) {
        if (!dir.startsWith(QLatin1Char(':')) && !QDir(dir).exists()) {
            qCDebug(lcResources).noquote() << "No translation folder" << dir;
            continue;
        }
        if (lantir->load(locale, QStringLiteral("lantir"), QStringLiteral("_"), dir)) {
            haveLantir = true;
            qCDebug(lcResources).noquote() << "Translation for" << locale.uiLanguages().join(QLatin1Char(','))
                                           << "loaded from" << lantir->filePath();
            break;
        }
    }
    if (!haveLantir) {
        qCDebug(lcResources).noquote()
            << "No Lantir translation for" << locale.uiLanguages().join(QLatin1Char(',')) << "in"
            << m_translationDirs.join(QStringLiteral(", ")) << "- the user interface stays in English";
    }
    QString effective = QStringLiteral("en");
    if (haveLantir)
        effective = QLocale(lantir->language()).name().section(QLatin1Char('_'), 0, 0);

    removeInstalled();
    m_language = language;
    m_applied = true;

    if (haveLantir) {
        // Qt's own strings (standard buttons, file dialogs) in the same language, when shipped.
        auto qt = std::make_unique<QTranslator>();
        const QLocale effectiveLocale(effective);
        for (const QString& dir : qtTranslationDirs()) {
            if (qt->load(effectiveLocale, QStringLiteral("qtbase"), QStringLiteral("_"), dir)) {
                m_qtTranslator = qt.release();
                QCoreApplication::installTranslator(m_qtTranslator);
                break;
            }
        }
        m_lantirTranslator = lantir.release();
        QCoreApplication::installTranslator(m_lantirTranslator);
    }

    const bool changed = effective != m_effective;
    m_effective = effective;
    if (changed)
        Q_EMIT languageChanged(m_effective);

    // English is the source language: asking for it (or for a locale we do not translate into)
    // still leaves a working, English user interface.
    const QString asked = locale.name().section(QLatin1Char('_'), 0, 0);
    m_speaksLanguage = haveLantir || asked == QLatin1String("en") || asked == QLatin1String("C");
    return m_speaksLanguage;
}

void Translator::follow(AppSettings* settings)
{
    if (m_settings)
        disconnect(m_settings, nullptr, this, nullptr);
    m_settings = settings;
    if (!settings)
        return;
    setLanguage(settings->language());
    connect(settings, &AppSettings::changed, this, [this] {
        if (m_settings)
            setLanguage(m_settings->language());
    });
}

} // namespace Lantir
