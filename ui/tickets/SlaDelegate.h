#pragma once

#include <QColor>
#include <QStyledItemDelegate>

namespace telcodesk {

/// Paints a ticket's SLA cell: the remaining working time as the model words it, on a coloured chip that
/// says how the clock stands — green while running, amber once near breach, red when breached, grey with a
/// pause glyph while paused, a check mark once met. Reads the TicketQueueModel's Sla*Role values; the
/// state is judged against now() so that a running clock turns amber and red on time between recomputes.
class SlaDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    enum class Look { None, Running, NearBreach, Breached, Paused, Met, MetLate };

    explicit SlaDelegate(QObject* parent = nullptr);

    /// "Now" in UTC ms (the page ticks it each second with the model's).
    void setNow(qint64 nowUtcMs) { m_now = nowUtcMs; }
    qint64 now() const { return m_now; }

    /// How the cell of this index looks at now().
    Look lookOf(const QModelIndex& index) const;
    static QColor colorOf(Look look);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    qint64 m_now = 0;
};

} // namespace telcodesk
