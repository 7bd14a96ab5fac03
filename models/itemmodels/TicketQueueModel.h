#pragma once

#include "common/Result.h"
#include "itemmodels/ItemRoles.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>
#include <QVector>

#include <optional>

namespace telcodesk {

/// Which tickets a queue shows. Scopes are what an agent sees in one click; the other fields narrow it.
struct TicketQueueFilter
{
    enum class Scope {
        Mine,          ///< assigned to the signed-in agent
        MyTeam,        ///< in a queue the agent serves (AssignmentPolicy::servesQueue on agent.skills)
        Unassigned,    ///< no assignee, in a queue the agent serves (supervisors and admins: any queue)
        BreachingSoon, ///< open, not paused, SLA due within breachingWindowMs (or already breached)
        All            ///< everything this desktop holds that the agent may see
    };
    Scope scope = Scope::Mine;
    /// Ticket number (prefix, "TK2611…"), words of the title, or the customer's name or number.
    QString search;
    QStringList kinds;       ///< empty: every kind
    QVector<int> priorities; ///< empty: every priority
    bool includeClosed = false; ///< resolved and closed tickets too (never in BreachingSoon)
    qint64 breachingWindowMs = 2 * 3600 * 1000;

    bool operator==(const TicketQueueFilter& other) const;
    bool operator!=(const TicketQueueFilter& other) const { return !(*this == other); }
};

/// The ticket queue: a table over SQL pages of the local store, so that 100,000 tickets open and scroll
/// without being loaded. Rows are read a page at a time around what the view asks for and kept in a
/// small cache; rowCount() comes from a COUNT over the same filter.
///
/// Order: by SLA due (ticket_sla.due_at, the default), priority, created or number, each with the ticket id
/// as tie breaker so that the order is total and a row's position can be found by a keyset count.
///
/// Change signals: ticketsChanged(ids) for a handful of tickets (a local write, a small pull) emits,
/// per ticket, dataChanged for its row, or one rowsMoved when its sort key moved it, or rowsInserted /
/// rowsRemoved when it entered or left the filter; never a reset. refresh() after a large pull re-reads
/// everything under layoutAboutToBeChanged/layoutChanged, moving persistent indexes with their ticket,
/// so a view keeps the agent's selection (and, since rows are not reset, its scroll position).
/// setFilter / setSortKey / reload are the only resets.
class TicketQueueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NumberColumn,
        PriorityColumn,
        KindColumn,
        StatusColumn,
        TitleColumn,
        CustomerColumn,
        QueueColumn,
        AssigneeColumn,
        SlaColumn,     ///< the countdown (display: remaining working time; SlaDueRole etc. for a delegate)
        CreatedColumn,
        ColumnCount
    };
    enum class SortKey { SlaDue, Priority, Created, Number };

    /// Roles besides ItemRoles' (IdRole, CodeRole, SortRole, EmphasisRole are answered too).
    enum Role : int {
        SlaDueRole = ItemRoles::EmphasisRole + 50, ///< qint64 UTC ms the SLA clock that matters breaches; null when none
        SlaStateRole,       ///< "running", "paused", "near_breach", "breached", "met", "met_late"
        SlaRemainingRole,   ///< qint64 working ms left at the time of computing (negative: overdue)
        SlaPausedRole,      ///< bool
        SlaNearBreachAtRole ///< qint64 UTC ms it turns near-breach; null when none
    };

    TicketQueueModel(LocalStorePtr store, const Session& session, QObject* parent = nullptr);
    ~TicketQueueModel() override;

    /// One reset. Errors reading the store are reported by lastError() and the model is empty.
    void setFilter(const TicketQueueFilter& filter);
    const TicketQueueFilter& filter() const { return m_filter; }
    void setSortKey(SortKey key, Qt::SortOrder order = Qt::AscendingOrder);
    SortKey sortKey() const { return m_sortKey; }
    Qt::SortOrder sortOrder() const { return m_order; }
    /// Header clicks: sorts by the column's key when it has one (number, priority, SLA, created).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    /// Re-reads from scratch (one reset).
    Status reload();
    /// A sync wrote many rows: re-reads in place (layoutChanged), persistent indexes follow their ticket.
    Status refresh();
    /// These tickets changed (or appeared or vanished) in the store: fine-grained signals, never a reset.
    Status ticketsChanged(const QStringList& ticketIds);

    /// "Now" for the countdown and "breaching soon" (the UI ticks it; tests fake it). Changing it
    /// repaints the SLA column only; the BreachingSoon scope re-evaluates on refresh().
    void setNow(qint64 nowUtcMs);
    qint64 now() const { return m_now; }
    /// Codes are shown through the labeler (as stored when none is set).
    void setLabeler(CodeLabeler labeler);

    QString ticketId(int row) const;
    /// The row of a ticket under the current filter and order, or -1 (a keyset count, not a scan of pages).
    int rowOfTicket(const QString& ticketId) const;
    const Error& lastError() const { return m_error; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Rows read per page (tests make it small to exercise paging).
    void setPageSize(int rows);
    /// How many SQL page reads this model has done (tests check that scrolling does not load everything).
    int pageReads() const { return m_pageReads; }

private:
    struct Row;
    struct Page;
    struct Sql;
    class Impl;
    Impl* d = nullptr;

    Status rebuild();
    void buildSql();
    Status recount();
    /// Rows of the filter that sort before (segment, value, id), leaving out `exclude`; -1 on error.
    int countBefore(const QVariant& value, int segment, const QString& id, const QStringList& exclude) const;
    bool currentKey(const QString& ticketId, QVariant* value, int* segment) const;
    bool queryRows(const QString& tail, const QVariantList& extraBinds, QVector<Row>* out) const;
    bool readRows(int first, int n, QVector<Row>* out) const;
    const Row* rowAt(int row) const;
    void evictPages(int keepPage) const;
    void rereadPages();
    static QString formatDuration(qint64 ms);

    LocalStorePtr m_store;
    Session m_session;
    TicketQueueFilter m_filter;
    SortKey m_sortKey = SortKey::SlaDue;
    Qt::SortOrder m_order = Qt::AscendingOrder;
    qint64 m_now = 0;
    CodeLabeler m_labeler;
    Error m_error;
    int m_pageSize = 200;
    mutable int m_pageReads = 0;
};

} // namespace telcodesk
