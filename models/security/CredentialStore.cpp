#include "security/CredentialStore.h"

#include "common/Logging.h"

#include <QEventLoop>

#include <qt6keychain/keychain.h>

namespace telcodesk {

namespace {

/// Runs a QtKeychain job to its end. The job is started only after the loop is connected, and the
/// loop is entered only when the job has not finished yet, so an answer given at once is never missed.
void runJob(QKeychain::Job& job)
{
    job.setAutoDelete(false);
    // Never a plain-text file in place of a missing keychain: without one, nothing is stored.
    job.setInsecureFallback(false);
    QEventLoop loop;
    bool done = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&done, &loop] {
        done = true;
        loop.quit();
    });
    job.start();
    if (!done)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
}

enum class Action { Read, Write, Delete };

Error errorOf(const QKeychain::Job& job, Action action)
{
    const QString detail = job.errorString();
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return Error{CredentialStore::tr("No password is stored for this sign-in."),
                     QString::fromLatin1(CredentialStore::kNotFound)};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    // Without a Secret Service on the session bus, the Linux backends end in OtherError: the keychain
    // cannot be used, which the application treats as "no keychain" (ask each session, store nothing).
    case QKeychain::OtherError:
        return Error{CredentialStore::tr("No keychain is available on this computer (%1).").arg(detail),
                     QString::fromLatin1(CredentialStore::kNoKeychain)};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error{CredentialStore::tr("Access to the keychain was refused (%1).").arg(detail),
                     QString::fromLatin1(CredentialStore::kDenied)};
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NoError:
        break;
    }
    QString message;
    switch (action) {
    case Action::Read:
        message = CredentialStore::tr("Cannot read the password from the keychain: %1").arg(detail);
        break;
    case Action::Write:
        message = CredentialStore::tr("Cannot store the password in the keychain: %1").arg(detail);
        break;
    case Action::Delete:
        message = CredentialStore::tr("Cannot remove the password from the keychain: %1").arg(detail);
        break;
    }
    return Error{message, QString::fromLatin1(CredentialStore::kError)};
}

} // namespace

Status CredentialStore::probe()
{
    const Result<QString> read = readPassword(QStringLiteral("telcodesk:probe"));
    if (read || read.error().code == QLatin1String(kNotFound))
        return Status::success();
    return read.error();
}

QString CredentialStore::keyFor(const QString& login, const QString& host, int port, const QString& database)
{
    return QStringLiteral("telcodesk:%1@%2:%3/%4").arg(login, host).arg(port).arg(database);
}

KeychainCredentialStore::KeychainCredentialStore(QString service)
    : m_service(std::move(service))
{
}

Result<QString> KeychainCredentialStore::readPassword(const QString& key)
{
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(key);
    runJob(job);
    if (job.error() != QKeychain::NoError) {
        const Error error = errorOf(job, Action::Read);
        if (error.code == QLatin1String(kNoKeychain))
            qCInfo(lcSecurity) << "no keychain:" << job.errorString();
        else if (error.code != QLatin1String(kNotFound))
            qCWarning(lcSecurity) << "keychain read failed:" << job.error() << job.errorString();
        return error;
    }
    return job.textData();
}

Status KeychainCredentialStore::writePassword(const QString& key, const QString& password)
{
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(key);
    job.setTextData(password);
    runJob(job);
    if (job.error() != QKeychain::NoError) {
        qCWarning(lcSecurity) << "keychain write failed:" << job.error() << job.errorString();
        return errorOf(job, Action::Write);
    }
    return Status::success();
}

Status KeychainCredentialStore::deletePassword(const QString& key)
{
    QKeychain::DeletePasswordJob job(m_service);
    job.setKey(key);
    runJob(job);
    if (job.error() == QKeychain::NoError || job.error() == QKeychain::EntryNotFound)
        return Status::success();
    qCWarning(lcSecurity) << "keychain delete failed:" << job.error() << job.errorString();
    return errorOf(job, Action::Delete);
}

} // namespace telcodesk
