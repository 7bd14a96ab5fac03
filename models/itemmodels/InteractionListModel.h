#pragma once

#include "domain/Interaction.h"
#include "itemmodels/RecordTableModel.h"

#include <QSortFilterProxyModel>

namespace telcodesk {

/// The interaction timeline of a customer across channels, newest first. Interactions are append-only,
/// so a newly logged one is inserted in place (one rowsInserted), never by resetting the list.
class InteractionListModel : public RecordTableModel<Interaction>
{
    Q_OBJECT

public:
    enum Column { TimeColumn, ChannelColumn, KindColumn, DirectionColumn, AgentColumn, SummaryColumn, ColumnCount };

    explicit InteractionListModel(QObject* parent = nullptr);

    /// Replaces the timeline; the list is kept newest first whatever order it comes in.
    void setInteractions(const QVector<Interaction>& interactions) { setRecords(interactions); }
    /// Inserts one interaction where its time puts it (usually the top). Returns its row.
    int addInteraction(const Interaction& interaction) { return addRecord(interaction); }

    const Interaction& interaction(int row) const { return record(row); }
    QString interactionId(int row) const { return idOf(row); }
    int rowOfInteraction(const QString& id) const { return rowOf(id); }

protected:
    QVariant recordData(const Interaction& interaction, int column, int role) const override;
    QString columnTitle(int column) const override;
};

/// Filters a timeline by channel and by text (summary, kind, agent), and keeps it newest first.
class InteractionFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit InteractionFilterProxy(QObject* parent = nullptr);

    /// A channel code ("hotline", ...) or empty for all channels.
    void setChannel(const QString& channel);
    QString channel() const { return m_channel; }
    /// Case-insensitive text that the summary, kind, channel or agent must contain; empty for all.
    void setText(const QString& text);
    QString text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_channel;
    QString m_text;
};

} // namespace telcodesk
