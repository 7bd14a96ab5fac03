#include "SyncStatusWidget.h"

#include "common/Clock.h"
#include "itemmodels/DisplayFormat.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStyle>
#include <QTimer>

namespace telcodesk {

namespace {

/// A label that reads as a link and says which one was clicked.
void makeLink(QLabel* label)
{
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    label->setOpenExternalLinks(false);
}

QString link(const QString& text, const char* href, const char* colour = nullptr)
{
    // The colour goes on a span: Qt's rich text takes an anchor's colour from the palette otherwise.
    const QString inner = colour ? QStringLiteral("<span style=\"color:%1; font-weight:bold;\">%2</span>")
                                       .arg(QLatin1String(colour), text.toHtmlEscaped())
                                 : text.toHtmlEscaped();
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(QLatin1String(href), inner);
}

} // namespace

SyncStatusWidget::SyncStatusWidget(QWidget* parent)
    : QWidget(parent)
    , m_clock(&Clock::system())
    , m_database(new QLabel(this))
    , m_server(new QLabel(this))
    , m_signIn(new QLabel(this))
    , m_lastSync(new QLabel(this))
    , m_outbox(new QLabel(this))
    , m_conflicts(new QLabel(this))
    , m_rejected(new QLabel(this))
    , m_tick(new QTimer(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    auto* icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_DriveHDIcon).pixmap(size, size));
    layout->addWidget(icon);
    layout->addWidget(m_database);
    const auto separator = [this, layout] {
        auto* line = new QFrame(this);
        line->setFrameShape(QFrame::VLine);
        line->setFrameShadow(QFrame::Sunken);
        layout->addWidget(line);
    };
    separator();
    layout->addWidget(m_server);
    layout->addWidget(m_lastSync);
    layout->addWidget(m_signIn);
    separator();
    layout->addWidget(m_outbox);
    layout->addWidget(m_conflicts);
    layout->addWidget(m_rejected);

    m_database->setObjectName(QStringLiteral("databaseStatus"));
    m_server->setObjectName(QStringLiteral("serverStatus"));
    m_signIn->setObjectName(QStringLiteral("signInLink"));
    m_lastSync->setObjectName(QStringLiteral("lastSyncStatus"));
    m_outbox->setObjectName(QStringLiteral("outboxStatus"));
    m_outbox->setToolTip(tr("Changes saved on this desktop stay in its local database until the server has "
                            "confirmed them: none is lost while the network is down."));
    m_conflicts->setObjectName(QStringLiteral("conflictsStatus"));
    m_conflicts->setToolTip(tr("Fields changed here and on the server at the same time. Click to choose which "
                               "value to keep."));
    m_rejected->setObjectName(QStringLiteral("rejectedStatus"));
    m_rejected->setToolTip(tr("The server refused these changes for good (permission or a business rule). "
                              "They are kept on this desktop; the changes after them were not held up. Click to "
                              "see why."));
    for (QLabel* label : {m_signIn, m_conflicts, m_rejected})
        makeLink(label);
    m_signIn->setText(link(tr("Sign in…"), "signin"));
    m_signIn->setToolTip(tr("Sign in to the server to sync this desktop."));
    connect(m_signIn, &QLabel::linkActivated, this, &SyncStatusWidget::signInClicked);
    connect(m_conflicts, &QLabel::linkActivated, this, &SyncStatusWidget::conflictsClicked);
    connect(m_rejected, &QLabel::linkActivated, this, &SyncStatusWidget::rejectedClicked);

    // Once a second: the retry countdown and "2 min ago" stay true without new reports.
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &SyncStatusWidget::refreshTimes);

    setCustomerCount(0);
    setServerState(ServerState::NotConfigured);
    setOutboxCounts(0, 0);
    setConflictCount(0);
}

SyncStatusWidget::~SyncStatusWidget() = default;

void SyncStatusWidget::setClock(const Clock* clock)
{
    m_clock = clock ? clock : &Clock::system();
    refreshTimes();
}

void SyncStatusWidget::setLastSyncAt(qint64 msSinceEpoch)
{
    m_status.lastSyncAtMs = msSinceEpoch;
    refreshTimes();
}

void SyncStatusWidget::setCustomerCount(int count)
{
    //: Status bar: where the data comes from. %1 is the number of customers, written with digit grouping.
    m_database->setText(tr("Local database · %1 customers").arg(QLocale().toString(count)));
}

void SyncStatusWidget::setServerText(const QString& text, const QString& toolTip)
{
    m_server->setText(text);
    m_server->setToolTip(toolTip);
}

void SyncStatusWidget::setServerState(ServerState state, const QString& serverUrl)
{
    m_hasSyncStatus = false;
    m_retryAtMs = 0;
    switch (state) {
    case ServerState::NotConfigured:
        setServerText(tr("Offline — no server configured"),
                      tr("TelcoDesk is working on its local database. Start it with --server to name a central "
                         "server."));
        m_signIn->hide();
        m_lastSync->hide();
        m_tick->stop();
        break;
    case ServerState::SignedOut:
        setServerText(tr("Offline — signed out"),
                      tr("Working on the copy of %1 kept on this computer. Changes wait here until you sign in.")
                          .arg(serverUrl));
        m_signIn->show();
        m_lastSync->show();
        m_tick->start();
        break;
    }
    refreshTimes();
}

void SyncStatusWidget::setSyncStatus(const SyncStatus& status)
{
    m_status = status;
    m_hasSyncStatus = true;
    m_retryAtMs = status.state == SyncStatus::State::Offline && status.nextRetryInMs > 0
        ? m_clock->nowMs() + status.nextRetryInMs
        : 0;
    m_signIn->setVisible(status.state == SyncStatus::State::AuthFailed);
    m_lastSync->setVisible(status.state != SyncStatus::State::Disabled);
    if (status.state == SyncStatus::State::Disabled)
        m_tick->stop();
    else
        m_tick->start();
    setOutboxCounts(status.pending, status.rejected);
    setConflictCount(status.conflicts);
    refreshTimes();
}

void SyncStatusWidget::refreshTimes()
{
    const qint64 now = m_clock->nowMs();
    if (m_hasSyncStatus) {
        const SyncStatus& s = m_status;
        switch (s.state) {
        case SyncStatus::State::Disabled:
            setServerText(tr("Offline — no server configured"), QString());
            break;
        case SyncStatus::State::Offline:
            if (m_retryAtMs > 0) {
                const int seconds = int(qMax<qint64>(0, m_retryAtMs - now + 999) / 1000);
                //: Status bar: the server cannot be reached; the engine tries again in %n seconds
                setServerText(tr("Offline — retrying in %n s", nullptr, seconds),
                              tr("Cannot reach the server: %1").arg(s.lastError));
            } else {
                setServerText(tr("Offline"), s.lastError);
            }
            break;
        case SyncStatus::State::Connecting:
            setServerText(tr("Connecting…"), tr("Connecting to the server."));
            break;
        case SyncStatus::State::Syncing:
            if (s.initialSync)
                //: Status bar during the first sync; %1 records received so far, with digit grouping
                setServerText(tr("First sync — %1 records received").arg(QLocale().toString(s.rowsReceived)),
                              tr("Copying the data you may see from the server to this computer."));
            else
                setServerText(tr("Syncing…"), tr("Sending changes to the server and receiving its changes."));
            break;
        case SyncStatus::State::Online:
            setServerText(tr("Online"), tr("Connected to the server; changes arrive as they are made."));
            break;
        case SyncStatus::State::AuthFailed:
            setServerText(tr("Sign-in failed"),
                          s.lastError.isEmpty() ? tr("The server refused the login.") : s.lastError);
            break;
        }
    }

    const qint64 last = m_status.lastSyncAtMs;
    if (last <= 0) {
        m_lastSync->setText(tr("· never synced"));
        m_lastSync->setToolTip(QString());
        return;
    }
    const qint64 ago = qMax<qint64>(0, now - last) / 1000;
    QString when;
    if (ago < 60)
        when = tr("just now");
    else if (ago < 3600)
        //: How long ago the last sync was, in minutes
        when = tr("%n min ago", nullptr, int(ago / 60));
    else if (ago < 24 * 3600)
        when = tr("%n h ago", nullptr, int(ago / 3600));
    else
        when = DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(last, Qt::UTC));
    //: Status bar: when the last complete sync was ("2 min ago", "just now", or a date)
    m_lastSync->setText(tr("· last sync %1").arg(when));
    m_lastSync->setToolTip(DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(last, Qt::UTC)));
}

void SyncStatusWidget::setOutboxCounts(int pending, int rejected)
{
    //: Status bar: local changes (interactions, notes, ...) the server has not confirmed yet
    m_outbox->setText(pending > 0 ? tr("%n change(s) waiting to sync", nullptr, pending)
                                  : tr("No changes waiting to sync"));
    //: Status bar: local changes the server refused for good
    m_rejectedText = rejected > 0 ? tr("%n change(s) rejected", nullptr, rejected) : QString();
    m_rejected->setText(link(m_rejectedText, "rejected", "#b3261e"));
    m_rejected->setVisible(rejected > 0);
}

void SyncStatusWidget::setConflictCount(int conflicts)
{
    //: Status bar: fields changed here and on the server, waiting for the agent's choice
    m_conflictsText = conflicts > 0 ? tr("%n conflict(s) to resolve", nullptr, conflicts) : QString();
    m_conflicts->setText(link(m_conflictsText, "conflicts", "#9a6700"));
    m_conflicts->setVisible(conflicts > 0);
}

QString SyncStatusWidget::databaseText() const
{
    return m_database->text();
}

QString SyncStatusWidget::serverText() const
{
    return m_server->text();
}

QString SyncStatusWidget::serverToolTip() const
{
    return m_server->toolTip();
}

QString SyncStatusWidget::outboxText() const
{
    return m_outbox->text();
}

QString SyncStatusWidget::rejectedText() const
{
    return m_rejectedText;
}

QString SyncStatusWidget::conflictsText() const
{
    return m_conflictsText;
}

QString SyncStatusWidget::lastSyncText() const
{
    return m_lastSync->isHidden() ? QString() : m_lastSync->text();
}

bool SyncStatusWidget::offersSignIn() const
{
    return !m_signIn->isHidden();
}

} // namespace telcodesk
