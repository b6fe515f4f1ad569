// kb_load_bench: how long the knowledge base takes to load, and whether a
// large base slows name matching.
//
// Workload (fixed, documented):
//  1. The bundled base (data/kb): loaded 5 times, best and median printed.
//  2. A synthetic base of 1,000,008 person aliases written to a temp folder:
//     111,112 people, each with 9 aliases (English name; Persian, Arabic and
//     Russian spellings of it; each of the four with a middle name; English
//     with a middle initial), built from 40 given names (also used as middle
//     or father's names) and surnames of 2-3 syllables plus a suffix, each
//     part spelt by hand in the four scripts (Mohammad / محمد / محمد /
//     Мохаммад, -zadeh / زاده / زاده / заде), and one tenure for every tenth
//     person. Loaded together with the bundled folder (as an import would
//     be) 3 times, median printed.
//  3. FindNames over the normalized title and text of all 1,491 articles of
//     ../shared/corpora/farsnews-fa, 5 passes alternating between the
//     bundled base and the 1M base: best MB/s of each (thread CPU time) and
//     names found.
//  4. FindSimilarPeople on 12 fixed queries in four scripts, 200 rounds,
//     with both bases: microseconds per query.
//
// usage: kb_load_bench [--aliases N] [--keep DIR]
#include <sys/resource.h>
#include <unistd.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rayzan/kb.h"
#include "rayzan/normalize.h"

#ifndef RAYZAN_SHARED_DIR
#define RAYZAN_SHARED_DIR "../shared"
#endif

namespace {

namespace fs = std::filesystem;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// CPU seconds of the whole process (every thread): on a shared machine the
// wall clock also counts other people's work; this does not.
double CpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// One name part in English, Persian, Arabic and Russian.
struct Spelling {
  const char* en;
  const char* fa;
  const char* ar;
  const char* ru;
};

constexpr Spelling kGivenNames[] = {
    {"Mohammad", "محمد", "محمد", "Мохаммад"},   {"Ali", "علی", "علي", "Али"},
    {"Hassan", "حسن", "حسن", "Хасан"},         {"Hossein", "حسین", "حسين", "Хусейн"},
    {"Reza", "رضا", "رضا", "Реза"},             {"Mahmoud", "محمود", "محمود", "Махмуд"},
    {"Ahmad", "احمد", "أحمد", "Ахмад"},         {"Javad", "جواد", "جواد", "Джавад"},
    {"Abbas", "عباس", "عباس", "Аббас"},         {"Saeed", "سعید", "سعيد", "Саид"},
    {"Khalid", "خالد", "خالد", "Халид"},        {"Omar", "عمر", "عمر", "Омар"},
    {"Youssef", "یوسف", "يوسف", "Юсуф"},        {"Ibrahim", "ابراهیم", "إبراهيم", "Ибрагим"},
    {"Mustafa", "مصطفی", "مصطفى", "Мустафа"},  {"Karim", "کریم", "كريم", "Карим"},
    {"Nasser", "ناصر", "ناصر", "Насер"},        {"Faisal", "فیصل", "فيصل", "Фейсал"},
    {"Tariq", "طارق", "طارق", "Тарик"},         {"Hamid", "حمید", "حميد", "Хамид"},
    {"Sergey", "سرگئی", "سيرغي", "Сергей"},     {"Vladimir", "ولادیمیر", "فلاديمير", "Владимир"},
    {"Dmitry", "دیمیتری", "ديمتري", "Дмитрий"}, {"Alexei", "الکسی", "أليكسي", "Алексей"},
    {"Nikolai", "نیکلای", "نيكولاي", "Николай"}, {"Ivan", "ایوان", "إيفان", "Иван"},
    {"Mikhail", "میخائیل", "ميخائيل", "Михаил"}, {"Andrei", "آندری", "أندريه", "Андрей"},
    {"John", "جان", "جون", "Джон"},             {"Michael", "مایکل", "مايكل", "Майкл"},
    {"David", "دیوید", "ديفيد", "Дэвид"},       {"Robert", "رابرت", "روبرت", "Роберт"},
    {"William", "ویلیام", "ويليام", "Уильям"},  {"James", "جیمز", "جيمس", "Джеймс"},
    {"Thomas", "توماس", "توماس", "Томас"},      {"Peter", "پیتر", "بيتر", "Питер"},
    {"Maria", "ماریا", "ماريا", "Мария"},       {"Fatemeh", "فاطمه", "فاطمة", "Фатима"},
    {"Zahra", "زهرا", "زهراء", "Захра"},        {"Leila", "لیلا", "ليلى", "Лейла"},
};

constexpr Spelling kSyllables[] = {
    {"ka", "کا", "كا", "ка"}, {"ri", "ری", "ري", "ри"}, {"mo", "مو", "مو", "мо"}, {"sa", "سا", "سا", "са"},
    {"la", "لا", "لا", "ла"}, {"ba", "با", "با", "ба"}, {"na", "نا", "نا", "на"}, {"ta", "تا", "تا", "та"},
    {"far", "فر", "فر", "фар"}, {"dan", "دان", "دان", "дан"}, {"ham", "هم", "هم", "хам"}, {"jo", "جو", "جو", "джо"},
    {"ro", "رو", "رو", "ро"}, {"zi", "زی", "زي", "зи"}, {"gol", "گل", "جل", "гол"}, {"sha", "شا", "شا", "ша"},
    {"ma", "ما", "ما", "ма"}, {"de", "د", "د", "де"}, {"kho", "خو", "خو", "хо"}, {"pa", "پا", "با", "па"},
    {"ni", "نی", "ني", "ни"}, {"va", "وا", "فا", "ва"}, {"lo", "لو", "لو", "ло"}, {"be", "به", "به", "бе"},
};

constexpr Spelling kSuffixes[] = {
    {"i", "ی", "ي", "и"},          {"ov", "وف", "وف", "ов"},       {"an", "ان", "ان", "ан"},
    {"zadeh", "زاده", "زاده", "заде"}, {"pour", "پور", "بور", "пур"}, {"nia", "نیا", "نيا", "ниа"},
    {"enko", "نکو", "نكو", "енко"}, {"ski", "سکی", "سكي", "ский"},  {"", "", "", ""},
};

constexpr const char* kOffices[] = {"ambassador", "deputy_foreign_minister", "special_envoy", "speaker"};
constexpr const char* kCountries[] = {"IR", "IQ", "RU", "US", "SA", "TR", "DE", "FR", "CN", "EG"};

// The surname number `n` (0 <= n < 24*24*24*9), spelt in each script.
struct Surname {
  std::string en, fa, ar, ru;
};

Surname MakeSurname(size_t n) {
  Surname out;
  size_t syllables = n % 2 == 0 ? 2 : 3;
  size_t k = n / 2;
  std::string en;
  for (size_t s = 0; s < syllables; ++s) {
    const Spelling& syllable = kSyllables[k % std::size(kSyllables)];
    k /= std::size(kSyllables);
    en += syllable.en;
    out.fa += syllable.fa;
    out.ar += syllable.ar;
    out.ru += syllable.ru;
  }
  const Spelling& suffix = kSuffixes[k % std::size(kSuffixes)];
  en += suffix.en;
  out.fa += suffix.fa;
  out.ar += suffix.ar;
  out.ru += suffix.ru;
  en[0] = static_cast<char>(en[0] - 'a' + 'A');
  out.en = en;
  // Cyrillic capital: the syllables start with lower-case letters; leave them,
  // the loader case-folds.
  return out;
}

// Writes people/synthetic.tsv under `folder` with about `aliases` aliases.
size_t WriteSyntheticPeople(const fs::path& folder, size_t aliases) {
  fs::create_directories(folder / "people");
  std::ofstream out(folder / "people" / "synthetic.tsv", std::ios::binary);
  out << "id\tname\taliases_en\taliases_fa\taliases_ar\taliases_ru\troles\n";
  const size_t per_person = 9;
  const size_t people = (aliases + per_person - 1) / per_person;
  const size_t given = std::size(kGivenNames);
  std::string line;
  for (size_t p = 0; p < people; ++p) {
    const Spelling& first = kGivenNames[p % given];
    const Spelling& middle = kGivenNames[(p / given) % given];
    Surname last = MakeSurname(p / (given * given) * 7 + p % 7);
    line.clear();
    line += "rz:synthetic-" + std::to_string(p) + "\t";
    line += std::string(first.en) + " " + last.en + "\t";
    line += std::string(first.en) + " " + middle.en + " " + last.en + "|" + first.en + " " + middle.en[0] + ". " + last.en + "\t";
    line += std::string(first.fa) + " " + last.fa + "|" + first.fa + " " + middle.fa + " " + last.fa + "\t";
    line += std::string(first.ar) + " " + last.ar + "|" + first.ar + " " + middle.ar + " " + last.ar + "\t";
    line += std::string(first.ru) + " " + last.ru + "|" + first.ru + " " + middle.ru + " " + last.ru + "\t";
    if (p % 10 == 0) {
      int year = 2000 + static_cast<int>(p % 24);
      line += std::string(kOffices[p % std::size(kOffices)]) + "@" + kCountries[(p / 10) % std::size(kCountries)] +
              ":" + std::to_string(year) + ".." + std::to_string(year + 4);
    }
    line += "\n";
    out << line;
  }
  return people * per_person;
}

std::vector<std::string> ReadCorpus(const std::string& path) {
  std::vector<std::string> texts;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    auto article = nlohmann::json::parse(line, nullptr, false);
    if (article.is_discarded() || !article.contains("text") || !article["text"].is_string()) continue;
    std::string text = article.value("title", "") + "\n" + article["text"].get<std::string>();
    texts.push_back(rayzan::Normalize(text).text);
  }
  return texts;
}


// CPU seconds of the calling thread.
double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// One pass of FindNames over every text: CPU seconds of this thread (the
// wall clock on a shared machine counts others' work), and names found.
std::pair<double, size_t> FindNamesPass(const rayzan::KnowledgeBase& kb, const std::vector<std::string>& texts) {
  double start = ThreadCpuSeconds();
  size_t names = 0;
  for (const std::string& text : texts) {
    names += kb.FindNames(text, rayzan::Span{0, static_cast<uint32_t>(text.size())}).size();
  }
  return {ThreadCpuSeconds() - start, names};
}

double TimeFuzzy(const rayzan::KnowledgeBase& kb) {
  const char* queries[] = {"بلینکین", "Blinkin", "Блинкин", "سرجی لاوروف", "سيرجيه لافروف", "Lavrof",
                           "Pompeyo", "Erakchi", "زلنسکی", "Zelenski", "محمد جواد ظریفی", "Kery"};
  std::vector<std::string> normalized;
  for (const char* query : queries) normalized.push_back(rayzan::NormalizeForMatching(query));
  const int rounds = 200;
  auto start = std::chrono::steady_clock::now();
  size_t found = 0;
  for (int round = 0; round < rounds; ++round) {
    for (const std::string& query : normalized) found += kb.FindSimilarPeople(query).size();
  }
  double seconds = Seconds(start);
  if (found == 0) std::printf("  (no fuzzy match at all)\n");
  return seconds * 1e6 / (rounds * static_cast<double>(std::size(queries)));
}

long PeakMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  size_t aliases = 1000000;
  std::string keep;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--aliases" && i + 1 < argc) {
      aliases = std::strtoul(argv[++i], nullptr, 10);
    } else if (arg == "--keep" && i + 1 < argc) {
      keep = argv[++i];
    } else {
      std::fprintf(stderr, "usage: kb_load_bench [--aliases N] [--keep DIR]\n");
      return 2;
    }
  }
  const std::string bundled = rayzan::KnowledgeBase::BundledDirectory();

  std::vector<double> loads;
  std::shared_ptr<const rayzan::KnowledgeBase> small;
  for (int run = 0; run < 5; ++run) {
    auto start = std::chrono::steady_clock::now();
    auto kb = rayzan::KnowledgeBase::Load({bundled});
    loads.push_back(Seconds(start));
    if (!kb.ok()) {
      std::fprintf(stderr, "kb_load_bench: %s\n", kb.status().message().c_str());
      return 1;
    }
    small = std::move(kb).value();
  }
  std::printf("bundled base: %zu people, load best %.3f s, median %.3f s (5 runs)\n", small->person_count(),
              *std::min_element(loads.begin(), loads.end()), Median(loads));

  fs::path folder = keep.empty() ? fs::temp_directory_path() / ("kb_load_bench-" + std::to_string(::getpid()))
                                 : fs::path(keep);
  auto start = std::chrono::steady_clock::now();
  size_t written = WriteSyntheticPeople(folder, aliases);
  std::printf("synthetic base: %zu aliases written to %s in %.2f s (%.1f MB)\n", written, folder.c_str(),
              Seconds(start), static_cast<double>(fs::file_size(folder / "people" / "synthetic.tsv")) / 1e6);

  loads.clear();
  std::vector<double> cpu;
  std::shared_ptr<const rayzan::KnowledgeBase> large;
  for (int run = 0; run < 3; ++run) {
    large.reset();
    start = std::chrono::steady_clock::now();
    double cpu_start = CpuSeconds();
    auto kb = rayzan::KnowledgeBase::Load({bundled, folder.string()});
    loads.push_back(Seconds(start));
    cpu.push_back(CpuSeconds() - cpu_start);
    if (!kb.ok()) {
      std::fprintf(stderr, "kb_load_bench: %s\n", kb.status().message().c_str());
      return 1;
    }
    large = std::move(kb).value();
  }
  rayzan::KnowledgeBaseStats stats = large->Stats();
  size_t total_aliases = 0;
  for (const auto& [language, count] : stats.aliases_by_language) total_aliases += count;
  std::printf("bundled + synthetic: %zu people, %zu aliases, %zu indexed names, %zu skeletons\n", stats.people,
              total_aliases, stats.indexed_names, stats.skeletons);
  std::printf("  load median %.2f s, best %.2f s wall (3 runs); median %.2f s CPU over all threads; peak memory %ld MB\n",
              Median(loads), *std::min_element(loads.begin(), loads.end()), Median(cpu), PeakMegabytes());

  std::vector<std::string> texts = ReadCorpus(std::string(RAYZAN_SHARED_DIR) + "/corpora/farsnews-fa/farsnews_1491.jsonl");
  if (texts.empty()) {
    std::fprintf(stderr, "kb_load_bench: no articles under %s/corpora/farsnews-fa\n", RAYZAN_SHARED_DIR);
  } else {
    // Passes alternate between the bases so that a busy neighbour on a
    // shared machine slows both alike; the best pass of each is printed.
    size_t bytes = 0;
    for (const std::string& text : texts) bytes += text.size();
    double best_small = 1e9, best_large = 1e9;
    size_t names_small = 0, names_large = 0;
    for (int pass = 0; pass < 5; ++pass) {
      auto [small_seconds, small_names] = FindNamesPass(*small, texts);
      auto [large_seconds, large_names] = FindNamesPass(*large, texts);
      best_small = std::min(best_small, small_seconds);
      best_large = std::min(best_large, large_seconds);
      names_small = small_names;
      names_large = large_names;
    }
    std::printf("FindNames on %zu farsnews-fa articles, %.1f MB normalized (best of 5 alternating passes, CPU time):\n",
                texts.size(), static_cast<double>(bytes) / 1e6);
    std::printf("  bundled base: %.1f MB/s, %zu names\n", static_cast<double>(bytes) / 1e6 / best_small, names_small);
    std::printf("  1M base:      %.1f MB/s, %zu names\n", static_cast<double>(bytes) / 1e6 / best_large, names_large);
  }
  std::printf("FindSimilarPeople, 12 queries x 200:\n");
  std::printf("  bundled base: %.1f us/query\n", TimeFuzzy(*small));
  std::printf("  1M base:      %.1f us/query\n", TimeFuzzy(*large));
  if (keep.empty()) fs::remove_all(folder);
  return 0;
}
