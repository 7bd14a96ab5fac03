#pragma once

#include "itemmodels/RecordTableModel.h"
#include "scoring/RetentionConfig.h"
#include "services/RetentionService.h"

namespace telcodesk {

/// The supervisors' at-risk list (RetentionService::atRisk): one scored customer per row with the band,
/// the probability, the strongest reason in words, the RFM segment and their retention task. Rows keep
/// the service's order (band, then probability, highest first). Numbers are masked unless the viewer
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

protected:
    QVariant recordData(const AtRiskRow& row, int column, int role) const override;
    QString columnTitle(int column) const override;

private:
    RetentionConfig m_config;
};

} // namespace telcodesk
