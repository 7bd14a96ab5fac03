#include "ScreenPop.h"

#include "common/Logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>

namespace telcodesk {

namespace {

/// One line per request: "pop <number>\n"; the answer is "ok\n". Numbers are short; anything longer is
/// not a request from telcodesk --pop.
constexpr qint64 kMaxLine = 128;

} // namespace

ScreenPop::ScreenPop(QObject* parent)
    : QObject(parent)
{
}

ScreenPop::~ScreenPop() = default;

QString ScreenPop::serverName(const QString& dataDir)
{
    const QString canonical = QDir(dataDir).absolutePath();
    const QByteArray user = qgetenv("USER");
    const QByteArray key = canonical.toUtf8() + '\n' + user;
    return QStringLiteral("telcodesk-")
        + QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(20));
}

bool ScreenPop::send(const QString& name, const QString& number, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(name);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    socket.write("pop " + number.left(64).toUtf8() + '\n');
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    while (!socket.canReadLine()) {
        if (!socket.waitForReadyRead(timeoutMs))
            return false;
    }
    return socket.readLine(kMaxLine).trimmed() == "ok";
}

bool ScreenPop::listen(const QString& name)
{
    // Ask first: with access options set, QLocalServer binds in a private folder and renames the socket
    // into place, which would silently take the name over from a live instance.
    QLocalSocket probe;
    probe.connectToServer(name);
    if (probe.waitForConnected(300)) {
        qCInfo(lcServices) << "another TelcoDesk already takes screen-pops on" << name;
        return false;
    }
    if (!m_server) {
        m_server = new QLocalServer(this);
        m_server->setSocketOptions(QLocalServer::UserAccessOption);
        connect(m_server, &QLocalServer::newConnection, this, &ScreenPop::acceptConnections);
    }
    // Nobody answers: whatever is left under the name belongs to an instance that crashed.
    QLocalServer::removeServer(name);
    if (m_server->listen(name))
        return true;
    qCWarning(lcServices) << "screen-pop server could not listen on" << name << m_server->errorString();
    return false;
}

bool ScreenPop::isListening() const
{
    return m_server && m_server->isListening();
}

void ScreenPop::acceptConnections()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        QPointer<QLocalSocket> guard(socket);
        connect(socket, &QLocalSocket::readyRead, this, [this, guard] {
            if (!guard)
                return;
            if (!guard->canReadLine()) {
                if (guard->bytesAvailable() > kMaxLine)
                    guard->abort();
                return;
            }
            const QByteArray line = guard->readLine(kMaxLine).trimmed();
            if (!line.startsWith("pop ")) {
                guard->abort();
                return;
            }
            const QString number = QString::fromUtf8(line.mid(4)).trimmed();
            guard->write("ok\n");
            guard->flush();
            guard->disconnectFromServer();
            if (!number.isEmpty())
                emit popRequested(number);
        });
    }
}

} // namespace telcodesk
