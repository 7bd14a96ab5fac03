#include "SyncStatusWidget.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStyle>

namespace telcodesk {

SyncStatusWidget::SyncStatusWidget(QWidget* parent)
    : QWidget(parent)
    , m_database(new QLabel(this))
    , m_server(new QLabel(this))
    , m_outbox(new QLabel(this))
    , m_rejected(new QLabel(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    auto* icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_DriveHDIcon).pixmap(size, size));
    layout->addWidget(icon);
    layout->addWidget(m_database);
    for (QLabel* label : {m_server, m_outbox}) {
        auto* separator = new QFrame(this);
        separator->setFrameShape(QFrame::VLine);
        separator->setFrameShadow(QFrame::Sunken);
        layout->addWidget(separator);
        layout->addWidget(label);
    }
    layout->addWidget(m_rejected);
    m_database->setObjectName(QStringLiteral("databaseStatus"));
    m_server->setObjectName(QStringLiteral("serverStatus"));
    m_outbox->setObjectName(QStringLiteral("outboxStatus"));
    m_outbox->setToolTip(tr("Changes saved on this desktop stay in its local database until the server has "
                            "confirmed them: none is lost while the network is down."));
    m_rejected->setObjectName(QStringLiteral("rejectedStatus"));
    m_rejected->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; font-weight: bold; }"));
    m_rejected->setToolTip(tr("The server refused these changes for good (permission or a business rule). "
                              "They are kept on this desktop; the changes after them were not held up."));
    setCustomerCount(0);
    setServerState(ServerState::NotConfigured);
    setOutboxCounts(0, 0);
}

void SyncStatusWidget::setCustomerCount(int count)
{
    //: Status bar: where the data comes from. %1 is the number of customers, written with digit grouping.
    m_database->setText(tr("Local database · %1 customers").arg(QLocale().toString(count)));
}

void SyncStatusWidget::setServerState(ServerState state, const QString& serverUrl)
{
    switch (state) {
    case ServerState::NotConfigured:
        m_server->setText(tr("Offline — no server configured"));
        m_server->setToolTip(tr("TelcoDesk is working on its local database. Start it with --server to "
                                "name a central server."));
        break;
    case ServerState::NotAvailable:
        m_server->setText(tr("Server sync is not available in this version — working on the local database"));
        m_server->setToolTip(tr("Server given: %1").arg(serverUrl));
        break;
    }
}

void SyncStatusWidget::setOutboxCounts(int pending, int rejected)
{
    //: Status bar: local changes (interactions, notes, ...) the server has not confirmed yet
    m_outbox->setText(pending > 0 ? tr("%n change(s) waiting to sync", nullptr, pending)
                                  : tr("No changes waiting to sync"));
    //: Status bar: local changes the server refused for good
    m_rejected->setText(rejected > 0 ? tr("%n change(s) rejected", nullptr, rejected) : QString());
    m_rejected->setVisible(rejected > 0);
}

QString SyncStatusWidget::databaseText() const
{
    return m_database->text();
}

QString SyncStatusWidget::serverText() const
{
    return m_server->text();
}

QString SyncStatusWidget::outboxText() const
{
    return m_outbox->text();
}

QString SyncStatusWidget::rejectedText() const
{
    return m_rejected->text();
}

} // namespace telcodesk
