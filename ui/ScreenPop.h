#pragma once

#include <QObject>

class QLocalServer;

namespace telcodesk {

/// Screen-pop: `telcodesk --pop MSISDN` hands the caller's number to the TelcoDesk already running on
/// the same data directory, which opens that customer and comes to the front. The running instance
/// listens on a local socket named after the data directory (and the user), so two desktops with
/// different data directories never take each other's calls.
class ScreenPop : public QObject
{
    Q_OBJECT

public:
    explicit ScreenPop(QObject* parent = nullptr);
    ~ScreenPop() override;

    /// The local socket name for a data directory.
    static QString serverName(const QString& dataDir);
    /// Sends a number to the instance listening on that name; true when it confirmed.
    static bool send(const QString& name, const QString& number, int timeoutMs = 1500);

    /// Starts listening. Fails (false) when another live instance already listens on the name; a name
    /// left behind by a crashed instance is cleaned up first.
    bool listen(const QString& name);
    bool isListening() const;

signals:
    void popRequested(const QString& number);

private:
    void acceptConnections();

    QLocalServer* m_server = nullptr;
};

} // namespace telcodesk
