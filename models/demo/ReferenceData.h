#pragma once

// Reference tables the demo data generator draws from: names, places, the plan catalog, staff and the
// texts that interactions and tickets are written in. Strings are UTF-8 literals so that the generator can
// assemble rows without going through QString on its hot path.

#include <cstddef>
#include <cstdint>
#include <iterator>

namespace telcodesk::demo {

template<typename T>
struct Table
{
    const T* rows;
    std::size_t size;
    const T& operator[](std::size_t i) const { return rows[i]; }
    const T* begin() const { return rows; }
    const T* end() const { return rows + size; }
};

// ---- People ------------------------------------------------------------------------------------

/// A family name with its share of the population in units of 1/100,000.
struct Surname
{
    const char* zh;
    const char* traditional; ///< the traditional form, nullptr when it is the same
    const char* pinyin;      ///< as written in a passport ("Zhang", "Ouyang", "Lyu")
    const char* homophone;   ///< a character an input method offers for the same sound, or nullptr
    int weight;
};
Table<Surname> surnames();

/// A character of given names, with its romanisation and the variants that merged records show.
struct NameChar
{
    const char* zh;
    const char* pinyin;
    const char* traditional; ///< nullptr when the same
    const char* homophone;   ///< nullptr when none is typical
};
/// Every character that appears in a generated Chinese given name, for romanisation and variants.
Table<NameChar> nameChars();

/// A given-name character with its popularity for single-character names (weight) and as part of
/// two-character names.
struct GivenChar
{
    const char* zh;
    int weight;
};
Table<GivenChar> maleSingleNames();
Table<GivenChar> femaleSingleNames();
Table<GivenChar> maleLeadChars();
Table<GivenChar> femaleLeadChars();

/// Whole two-character given names typical of a generation (born before 1966, 1966-1985, after 1985).
struct GenerationName
{
    const char* zh;
    char gender; ///< 'M' or 'F'
    int era;     ///< 0, 1 or 2
};
Table<GenerationName> generationNames();

/// Latin names of foreign residents.
struct LatinName
{
    const char* text;
    char gender; ///< 'M', 'F' (first names) or 0 (family names)
};
Table<LatinName> latinFirstNames();
Table<LatinName> latinFamilyNames();
/// Passport issuing countries: ISO code, English and Chinese name.
struct Country
{
    const char* iso;
    const char* en;
    const char* zh;
    int weight;
};
Table<Country> passportCountries();
/// Destinations for international roaming stories.
Table<Country> roamingDestinations();

// ---- Places ------------------------------------------------------------------------------------

struct District
{
    const char* code; ///< GB/T 2260 six-digit code
    const char* zh;
};

struct City
{
    const char* provinceCode;
    const char* provinceZh;
    const char* provinceEn;
    const char* cityCode;
    const char* cityZh;
    const char* cityEn;
    const char* areaCode; ///< long-distance prefix without the leading 0 ("755")
    int populationK;      ///< thousands of residents (2020 census), the sampling weight
    bool municipality;    ///< Beijing, Tianjin, Shanghai, Chongqing: no province in addresses
    Table<District> districts;
};
Table<City> cities();

Table<const char*> streetNames();
Table<const char*> estateNames();

// ---- Enterprises -------------------------------------------------------------------------------

Table<const char*> companyBrands();
struct Industry
{
    const char* zh;
    const char* segment; ///< sme, large_enterprise, government
};
Table<Industry> industries();

// ---- Catalog -----------------------------------------------------------------------------------

enum class PlanRole : std::uint8_t {
    Mobile5G,
    Mobile4G,
    MobileSenior,
    MobileYouth,
    FamilyBundle,
    FamilyMember,
    Broadband,
    Iptv,
    Fixed,
    EnterpriseMobile,
    EnterpriseLine,
    EnterpriseFixed,
    Iot,
    AddonData,
    AddonVideo,
    AddonRoaming,
    AddonCallerId,
    AddonRingback,
};

struct PlanSpec
{
    const char* code;
    const char* nameZh;
    const char* nameEn;
    const char* service; ///< plan.service
    const char* kind;    ///< base or addon
    int feeFen;
    int dataMb;
    int voiceMin;
    int sms;
    int speedMbps;
    int contractMonths;
    const char* eligibility; ///< JSON
    const char* lifecycle;
    PlanRole role;
};
Table<PlanSpec> planCatalog();

// ---- Staff -------------------------------------------------------------------------------------

struct TeamSpec
{
    const char* zh;
    const char* skills; ///< comma separated
};
/// Hotline teams (agents), stores (clerks), supervisors' teams and the account-manager team.
Table<TeamSpec> hotlineTeams();
Table<TeamSpec> storeTeams();
Table<TeamSpec> accountManagerTeams();

// ---- Texts -------------------------------------------------------------------------------------

/// Kinds of interaction, in the codes stored in interaction.kind.
enum class Kind : std::uint8_t { Inquiry, Billing, Complaint, Fault, PlanChange, Porting, Payment, Retention, Other };
const char* kindCode(Kind kind);

/// A summary template of an interaction. Placeholders: {plan} {new_plan} {addon} {amount} {gb} {month}
/// {district} {country} {date} {speed}. Chinese and English texts say the same thing.
struct SummaryTemplate
{
    Kind kind;
    const char* zh;
    const char* en;
    bool outbound;
};
Table<SummaryTemplate> summaryTemplates();

/// A ticket story: what the customer reported and how it ended.
struct TicketStory
{
    const char* kind;  ///< complaint, inquiry, fault, suggestion
    const char* queue;
    int priority;      ///< typical priority 1..4
    const char* titleZh;
    const char* titleEn;
    const char* descriptionZh;
    const char* descriptionEn;
    const char* resolutionZh;
    const char* resolutionEn;
    const char* replyZh; ///< the first reply to the customer
    const char* replyEn;
    Kind interactionKind;
    bool broadband;     ///< the story is about a broadband line
    bool churnRelated;  ///< told by customers on their way out (porting, disputes)
};
Table<TicketStory> ticketStories();

struct NoteText
{
    const char* zh;
    const char* en;
    bool churnRelated;
};
Table<NoteText> noteTexts();

} // namespace telcodesk::demo
