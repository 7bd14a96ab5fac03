#pragma once

#include "security/CredentialStore.h"

#include <QHash>

namespace telcodesk::test {

/// An in-memory keychain. It can play a computer without any keychain (every call "no_keychain") or
/// one whose keychain refuses access ("denied"), and it counts the calls so that tests can check that
/// nothing was stored.
class FakeCredentialStore final : public CredentialStore
{
public:
    enum class Mode { Available, NoKeychain, Denied };

    void setMode(Mode mode) { m_mode = mode; }
    /// What is stored, to check from the test.
    QHash<QString, QString> entries() const { return m_entries; }
    int writes() const { return m_writes; }
    int deletes() const { return m_deletes; }

    Result<QString> readPassword(const QString& key) override
    {
        if (m_mode != Mode::Available)
            return unavailable();
        if (!m_entries.contains(key))
            return Error{QStringLiteral("nothing stored under %1").arg(key), QString::fromLatin1(kNotFound)};
        return m_entries.value(key);
    }
    Status writePassword(const QString& key, const QString& password) override
    {
        ++m_writes;
        if (m_mode != Mode::Available)
            return unavailable();
        m_entries.insert(key, password);
        return Status::success();
    }
    Status deletePassword(const QString& key) override
    {
        ++m_deletes;
        if (m_mode != Mode::Available)
            return unavailable();
        m_entries.remove(key);
        return Status::success();
    }

private:
    Error unavailable() const
    {
        return m_mode == Mode::NoKeychain
            ? Error{QStringLiteral("no keychain in this test"), QString::fromLatin1(kNoKeychain)}
            : Error{QStringLiteral("access refused in this test"), QString::fromLatin1(kDenied)};
    }

    Mode m_mode = Mode::Available;
    QHash<QString, QString> m_entries;
    int m_writes = 0;
    int m_deletes = 0;
};

} // namespace telcodesk::test
