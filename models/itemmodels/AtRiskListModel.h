#pragma once

#include "itemmodels/RecordTableModel.h"
#include "scoring/RetentionConfig.h"
#include "services/RetentionService.h"

namespace telcodesk {

/// The supervisors' at-risk list (RetentionService::atRisk): one scored customer per row with the band,
/// the probability, the strongest reason in words, the RFM segment and their retention task. Rows keep
/// the service's order (by default the probability, highest first). Numbers are masked unless the viewer
/// may see them in full.
class AtRiskListModel : public MaskedRecordTableModel<AtRiskRow>
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        NumberColumn,
        BandColumn,
        ProbabilityColumn,
        ReasonColumn,
        SegmentColumn,
        TaskColumn,
        AssigneeColumn,
        OutcomeColumn,
        ColumnCount
    };

    explicit AtRiskListModel(QObject* parent = nullptr);

    /// The document whose names the reasons, segments and rules are shown with.
    void setConfig(const RetentionConfig& config);
    void setRows(const QVector<AtRiskRow>& rows) { setRecords(rows); }
    const AtRiskRow& row(int r) const { return record(r); }
    QString customerId(int r) const { return idOf(r); }
    int rowOfCustomer(const QString& customerId) const { return rowOf(customerId); }

    /// The list is sorted by the service (it is read a page at a time): a header click on a column with a
    /// sort key (name, number, band, probability, segment) records the key and emits sortRequested for the
    /// owner to read the list again; other columns leave the order as it is.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    AtRiskFilter::Sort sortKey() const { return m_sort; }
    bool sortAscending() const { return m_ascending; }
    /// The column showing a sort key.
    static int columnOf(AtRiskFilter::Sort key);
    /// Whether the column has a sort key.
    static bool isSortable(int column);

Q_SIGNALS:
    void sortRequested();

protected:
    QVariant recordData(const AtRiskRow& row, int column, int role) const override;
    QString columnTitle(int column) const override;
    /// Qt::InitialSortOrderRole: a first click on name, number or segment sorts A to Z, on band or
    /// probability highest first.
    QVariant columnHeaderData(int column, int role) const override;

private:
    RetentionConfig m_config;
    AtRiskFilter::Sort m_sort = AtRiskFilter::Sort::Probability;
    bool m_ascending = false;
};

} // namespace telcodesk
