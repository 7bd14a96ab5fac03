#pragma once

#include "domain/KbArticle.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QVector>

class QComboBox;

namespace telcodesk {

/// Words and formats shared by the knowledge-base views: languages, statuses, dates.
class KbFormat
{
    Q_DECLARE_TR_FUNCTIONS(KbFormat)

public:
    /// True when the interface speaks Chinese (category names and the default article language follow it).
    static bool chineseUi();
    /// The article language a new article starts in: the interface's.
    static QString uiLanguageCode();
    /// "中文" / "English": each language by its own name, as language pickers do.
    static QString language(const QString& code);
    /// "Draft", "In review", "Published", "Retired".
    static QString status(const QString& code);
    /// A date (and time) in the agent's time zone; "—" for 0.
    static QString date(qint64 msUtc);
    static QString dateTime(qint64 msUtc);
    /// Red for errors, next to fields and under headers.
    static QString errorStyle();
};

/// The category tree in the interface language: names, paths ("Bills and charges › Billing disputes")
/// and a combo box filled in tree order with children indented under their parent.
class KbCategoryNames
{
    Q_DECLARE_TR_FUNCTIONS(KbCategoryNames)

public:
    void set(const QVector<KbCategory>& categories);
    bool isEmpty() const { return m_ordered.isEmpty(); }
    /// The category's name; an unknown code is shown as it is stored.
    QString name(const QString& code) const;
    QString path(const QString& code) const;
    /// Codes in tree order (parents before their children, siblings by ordinal).
    QStringList orderedCodes() const;
    int depth(const QString& code) const;
    /// Fills the combo (item data: the code). A non-empty allText adds a first item with an empty code.
    /// The current code is kept when it is still there.
    void fillCombo(QComboBox* combo, const QString& allText) const;

private:
    QHash<QString, KbCategory> m_byCode;
    QStringList m_ordered;
};

} // namespace telcodesk
