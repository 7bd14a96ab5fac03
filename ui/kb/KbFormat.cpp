#include "kb/KbFormat.h"

#include <QComboBox>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QDateTime>
#include <QLocale>
#include <QSignalBlocker>

#include <algorithm>
#include <functional>

namespace telcodesk {

namespace {

constexpr int kDepthRole = Qt::UserRole + 7;

/// Indents a category under its parent in the open list, while the closed combo shows the plain name.
class CategoryIndentDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        QStyleOptionViewItem indented = option;
        indented.rect.adjust(index.data(kDepthRole).toInt() * 18, 0, 0, 0);
        QStyledItemDelegate::paint(painter, indented, index);
    }

    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        const QSize size = QStyledItemDelegate::sizeHint(option, index);
        return QSize(size.width() + index.data(kDepthRole).toInt() * 18, size.height());
    }
};

} // namespace

bool KbFormat::chineseUi()
{
    return QLocale().language() == QLocale::Chinese;
}

QString KbFormat::uiLanguageCode()
{
    return chineseUi() ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString KbFormat::language(const QString& code)
{
    // Endonyms on purpose: an agent looks for their own language's name whatever the interface speaks.
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("中文");
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    return code;
}

QString KbFormat::status(const QString& code)
{
    if (code == QLatin1String("draft"))
        return tr("Draft");
    if (code == QLatin1String("in_review"))
        return tr("In review");
    if (code == QLatin1String("published"))
        return tr("Published");
    if (code == QLatin1String("retired"))
        return tr("Retired");
    return code;
}

QString KbFormat::date(qint64 msUtc)
{
    if (msUtc <= 0)
        return tr("—");
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msUtc, Qt::UTC).toLocalTime().date(), QLocale::ShortFormat);
}

QString KbFormat::dateTime(qint64 msUtc)
{
    if (msUtc <= 0)
        return tr("—");
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(msUtc, Qt::UTC).toLocalTime(), QLocale::ShortFormat);
}

QString KbFormat::errorStyle()
{
    return QStringLiteral("QLabel { color: #b3261e; }");
}

void KbCategoryNames::set(const QVector<KbCategory>& categories)
{
    m_byCode.clear();
    m_ordered.clear();
    for (const KbCategory& c : categories)
        m_byCode.insert(c.code, c);

    QVector<KbCategory> sorted = categories;
    std::sort(sorted.begin(), sorted.end(), [](const KbCategory& a, const KbCategory& b) {
        return a.ordinal != b.ordinal ? a.ordinal < b.ordinal : a.code < b.code;
    });
    // Depth-first from the roots; a category whose parent is unknown counts as a root.
    std::function<void(const QString&)> addChildren = [&](const QString& parent) {
        for (const KbCategory& c : sorted) {
            const bool isRoot = c.parentCode.isEmpty() || !m_byCode.contains(c.parentCode);
            if ((parent.isEmpty() && isRoot) || (!parent.isEmpty() && c.parentCode == parent && !isRoot)) {
                if (m_ordered.contains(c.code))
                    continue;
                m_ordered << c.code;
                addChildren(c.code);
            }
        }
    };
    addChildren(QString());
}

QString KbCategoryNames::name(const QString& code) const
{
    const auto it = m_byCode.constFind(code);
    if (it == m_byCode.cend())
        return code;
    const QString n = it->name(KbFormat::chineseUi());
    return n.isEmpty() ? code : n;
}

QString KbCategoryNames::path(const QString& code) const
{
    QStringList parts;
    QString at = code;
    // The depth guard keeps a malformed tree (a cycle) from looping.
    for (int guard = 0; !at.isEmpty() && guard < 16; ++guard) {
        parts.prepend(name(at));
        const auto it = m_byCode.constFind(at);
        at = it == m_byCode.cend() ? QString() : it->parentCode;
    }
    //: Separator between the levels of a category path, e.g. "Bills and charges › Billing disputes"
    return parts.join(tr(" › "));
}

QStringList KbCategoryNames::orderedCodes() const
{
    return m_ordered;
}

int KbCategoryNames::depth(const QString& code) const
{
    int d = 0;
    QString at = m_byCode.value(code).parentCode;
    while (!at.isEmpty() && m_byCode.contains(at) && d < 16) {
        ++d;
        at = m_byCode.value(at).parentCode;
    }
    return d;
}

void KbCategoryNames::fillCombo(QComboBox* combo, const QString& allText) const
{
    const QSignalBlocker blocker(combo);
    if (!dynamic_cast<CategoryIndentDelegate*>(combo->itemDelegate()))
        combo->setItemDelegate(new CategoryIndentDelegate(combo));
    const QString current = combo->currentData().toString();
    combo->clear();
    if (!allText.isEmpty())
        combo->addItem(allText, QString());
    for (const QString& code : m_ordered) {
        combo->addItem(name(code), code);
        combo->setItemData(combo->count() - 1, path(code), Qt::ToolTipRole);
        combo->setItemData(combo->count() - 1, depth(code), kDepthRole);
        // A top-level category is a heading of its subtree: bold in the list.
        if (depth(code) == 0) {
            QFont bold = combo->font();
            bold.setBold(true);
            combo->setItemData(combo->count() - 1, bold, Qt::FontRole);
        }
    }
    const int keep = combo->findData(current);
    combo->setCurrentIndex(keep >= 0 ? keep : 0);
}

} // namespace telcodesk
