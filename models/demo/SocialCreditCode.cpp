#include "demo/SocialCreditCode.h"

#include <cstring>

namespace telcodesk {

namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
// 3^i mod 31.
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int alphabetValue(char c)
{
    const char* p = c ? std::strchr(kAlphabet, c) : nullptr;
    return p ? int(p - kAlphabet) : -1;
}

/// GB 11714 gives letters the values 10 (A) to 35 (Z).
int organizationValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return -1;
}

template<typename CharAt>
char creditCheck(CharAt at)
{
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        const int v = alphabetValue(at(i));
        if (v < 0)
            return 0;
        sum += v * kWeights[i];
    }
    const int r = 31 - sum % 31;
    return kAlphabet[r == 31 ? 0 : r];
}

template<typename CharAt>
char organizationCheck(CharAt at)
{
    static const int weights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 8; ++i) {
        const int v = organizationValue(at(i));
        if (v < 0)
            return 0;
        sum += v * weights[i];
    }
    const int r = 11 - sum % 11;
    return r == 10 ? 'X' : r == 11 ? '0' : char('0' + r);
}

char latin1At(QStringView text, int i)
{
    const char16_t u = text.at(i).unicode();
    return u < 128 ? char(u) : '\0';
}

} // namespace

char SocialCreditCode::checkCharacter(const char* first17)
{
    if (!first17 || std::strlen(first17) < 17)
        return 0;
    return creditCheck([first17](int i) { return first17[i]; });
}

char SocialCreditCode::organizationCheckCharacter(const char* first8)
{
    if (!first8 || std::strlen(first8) < 8)
        return 0;
    return organizationCheck([first8](int i) { return first8[i]; });
}

QChar SocialCreditCode::checkCharacter(QStringView first17)
{
    if (first17.size() < 17)
        return {};
    const char c = creditCheck([first17](int i) { return latin1At(first17, i); });
    return c ? QLatin1Char(c) : QChar();
}

QChar SocialCreditCode::organizationCheckCharacter(QStringView first8)
{
    if (first8.size() < 8)
        return {};
    const char c = organizationCheck([first8](int i) { return latin1At(first8, i); });
    return c ? QLatin1Char(c) : QChar();
}

bool SocialCreditCode::isValid(const QString& text)
{
    if (text.size() != 18)
        return false;
    const QChar check = checkCharacter(QStringView(text).left(17));
    return !check.isNull() && check == text.at(17);
}

} // namespace telcodesk
