#pragma once

#include "common/Result.h"

#include <QCoreApplication>
#include <QString>

namespace telcodesk {

/// Where a remembered sign-in password is kept. The application talks to this interface only, so that
/// GUI tests run with an in-memory fake and nothing ever falls back to a file.
///
/// Every call blocks until the backend has answered. Error codes:
///   "not_found"   nothing is stored under the key (reads; deleting a missing entry is not an error)
///   "no_keychain" no keychain service is available on this computer: ask for the password each
///                 session and store nothing
///   "denied"      the person or the system refused access to the keychain
///   "error"       anything else (the message says what)
class CredentialStore
{
    Q_DECLARE_TR_FUNCTIONS(CredentialStore)

public:
    virtual ~CredentialStore() = default;

    virtual Result<QString> readPassword(const QString& key) = 0;
    virtual Status writePassword(const QString& key, const QString& password) = 0;
    virtual Status deletePassword(const QString& key) = 0;

    /// Whether a keychain answers at all: a read of a key that is never written, which succeeds as
    /// "not_found" when a backend is there. Errors as readPassword, never "not_found".
    Status probe();

    /// The key a sign-in is kept under: "telcodesk:" + login + "@" + host:port/database.
    static QString keyFor(const QString& login, const QString& host, int port, const QString& database);

    static constexpr const char* kNotFound = "not_found";
    static constexpr const char* kNoKeychain = "no_keychain";
    static constexpr const char* kDenied = "denied";
    static constexpr const char* kError = "error";
};

/// The OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
/// Windows), with the insecure plain-text fallback switched off. Each call runs one job in a local
/// event loop, so call it from a thread with an event dispatcher (the GUI thread).
class KeychainCredentialStore final : public CredentialStore
{
public:
    /// The keychain's "service" under which TelcoDesk's entries are grouped.
    explicit KeychainCredentialStore(QString service = QStringLiteral("TelcoDesk"));

    Result<QString> readPassword(const QString& key) override;
    Status writePassword(const QString& key, const QString& password) override;
    Status deletePassword(const QString& key) override;

private:
    QString m_service;
};

} // namespace telcodesk
