#include "itemmodels/UsageTableModel.h"

#include "itemmodels/DisplayFormat.h"

#include <QDate>
#include <QHash>
#include <QLocale>

#include <algorithm>

namespace telcodesk {

UsageTableModel::UsageTableModel(QObject* parent)
    : RecordTableModel(ColumnCount, nullptr, parent)
{
}

void UsageTableModel::setUsage(const QVector<UsageMonth>& rows, int months, int lastMonth)
{
    int last = lastMonth;
    for (const UsageMonth& u : rows)
        last = lastMonth > 0 ? last : std::max(last, u.month);

    QVector<UsageMonth> sums;
    if (last > 0 && months > 0) {
        const QDate lastDate = monthStart(last);
        QHash<int, int> rowOfMonth;
        for (int i = months - 1; i >= 0; --i) {
            UsageMonth m;
            m.month = monthKey(lastDate.addMonths(-i));
            rowOfMonth.insert(m.month, sums.size());
            sums.append(m);
        }
        for (const UsageMonth& u : rows) {
            const auto it = rowOfMonth.constFind(u.month);
            if (it == rowOfMonth.constEnd())
                continue;
            UsageMonth& m = sums[*it];
            m.voiceMin += u.voiceMin;
            m.dataMb += u.dataMb;
            m.sms += u.sms;
            m.spendFen += u.spendFen;
            m.appLogins += u.appLogins;
            m.roamingMb += u.roamingMb;
        }
    }
    setRecords(std::move(sums));
}

QString UsageTableModel::monthLabel(int row) const
{
    return DisplayFormat::month(record(row).month);
}

double UsageTableModel::spendYuan(int row) const
{
    return DisplayFormat::yuanValue(record(row).spendFen);
}

double UsageTableModel::dataGb(int row) const
{
    return DisplayFormat::gigabytes(record(row).dataMb);
}

qint64 UsageTableModel::totalSpendFen() const
{
    qint64 total = 0;
    for (const UsageMonth& m : records())
        total += m.spendFen;
    return total;
}

bool UsageTableModel::hasAnyUsage() const
{
    return std::any_of(records().cbegin(), records().cend(), [](const UsageMonth& m) {
        return m.spendFen != 0 || m.dataMb != 0 || m.voiceMin != 0 || m.sms != 0;
    });
}

QVariant UsageTableModel::recordData(const UsageMonth& m, int column, int role) const
{
    if (role == Qt::EditRole || role == ItemRoles::SortRole) {
        switch (column) {
        case MonthColumn:
            return m.month;
        case SpendColumn:
            return DisplayFormat::yuanValue(m.spendFen);
        case DataColumn:
            return DisplayFormat::gigabytes(m.dataMb);
        case VoiceColumn:
            return m.voiceMin;
        case SmsColumn:
            return m.sms;
        case AppLoginsColumn:
            return m.appLogins;
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return column == MonthColumn ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case MonthColumn:
        return DisplayFormat::month(m.month);
    case SpendColumn:
        return DisplayFormat::yuan(m.spendFen);
    case DataColumn:
        return QString::number(DisplayFormat::gigabytes(m.dataMb), 'f', 1);
    case VoiceColumn:
        return QString::number(m.voiceMin);
    case SmsColumn:
        return QString::number(m.sms);
    case AppLoginsColumn:
        return QString::number(m.appLogins);
    }
    return {};
}

QString UsageTableModel::columnTitle(int column) const
{
    switch (column) {
    case MonthColumn:
        return tr("Month");
    case SpendColumn:
        return tr("Spend");
    case DataColumn:
        return tr("Data (GB)");
    case VoiceColumn:
        return tr("Voice (min)");
    case SmsColumn:
        return tr("SMS");
    case AppLoginsColumn:
        return tr("App logins");
    }
    return {};
}

} // namespace telcodesk
