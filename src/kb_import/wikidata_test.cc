#include <bzlib.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "rayzan/kb.h"
#include "rayzan/wikidata.h"

namespace rayzan {
namespace {

namespace fs = std::filesystem;

const std::string kFixture = std::string(RAYZAN_SOURCE_DIR) + "/tests/fixtures/wikidata/politicians.json";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The file's lines that are not comments.
std::string WithoutComments(const std::string& text) {
  std::string out, line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') out += line + "\n";
  }
  return out;
}

// The line of a TSV file that starts with `key` + tab, or "".
std::string RowOf(const std::string& path, const std::string& key) {
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + "\t", 0) == 0) return line;
  }
  return "";
}

std::vector<std::string> Cells(const std::string& row) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(row);
  while (std::getline(in, cell, '\t')) cells.push_back(cell);
  if (!row.empty() && row.back() == '\t') cells.push_back("");
  return cells;
}

class WikidataImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("rayzan-wikidata-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  WikidataImportStats Import(const std::string& dump, const std::string& folder) {
    WikidataImportOptions options;
    options.output_directory = (root_ / folder).string();
    options.warn = [this](const std::string& message) { warnings_.push_back(message); };
    Result<WikidataImportStats> stats = ImportWikidata(dump, options);
    EXPECT_TRUE(stats.ok()) << stats.status().message();
    return stats.ok() ? stats.value() : WikidataImportStats{};
  }

  std::shared_ptr<const KnowledgeBase> Load(const std::string& folder) {
    auto kb = KnowledgeBase::Load({(root_ / folder).string()});
    EXPECT_TRUE(kb.ok()) << kb.status().message();
    return kb.ok() ? kb.value() : nullptr;
  }

  std::vector<std::string> HolderNames(const KnowledgeBase& kb, const char* office, const char* jurisdiction,
                                       const char* date) {
    std::vector<std::string> names;
    for (uint32_t person : kb.HoldersAt(office, jurisdiction, *CivilDate::FromIso(date))) {
      names.push_back(kb.person(person).name);
    }
    return names;
  }

  fs::path root_;
  std::vector<std::string> warnings_;
};

using Names = std::vector<std::string>;

TEST_F(WikidataImportTest, RoundTripsForeignMinisterIntoKnowledgeBase) {
  WikidataImportStats stats = Import(kFixture, "out");
  auto kb = Load("out");
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(HolderNames(*kb, "foreign_minister", "RU", "2010-06-01"), Names{"Sergey Lavrov"});
  EXPECT_EQ(HolderNames(*kb, "un_ambassador", "RU", "2000-01-01"), Names{"Sergey Lavrov"});
  uint32_t lavrov = kb->HoldersAt("foreign_minister", "RU", *CivilDate::FromIso("2010-06-01")).at(0);
  EXPECT_EQ(kb->person(lavrov).id, "Q150851");
  EXPECT_EQ(RowOf((root_ / "out/people/wikidata.tsv").string(), "Q150851"),
            "Q150851\tSergey Lavrov\tSergei Lavrov|Sergei Viktorovich Lavrov\tسرگئی لاوروف\t"
            "سيرغي لافروف|سيرجي لافروف\tСергей Лавров\t"
            "un_ambassador@RU:1994-04-01..2004-03-09|foreign_minister@RU:2004-03-09..");
  EXPECT_EQ(stats.lines, 33u);
  EXPECT_EQ(stats.people, 7u);
  EXPECT_EQ(stats.countries, 2u);
  EXPECT_EQ(stats.organizations, 2u);
  EXPECT_EQ(stats.cities, 3u);
}

TEST_F(WikidataImportTest, KeepsEveryTenureOfAMultiTenurePerson) {
  Import(kFixture, "out");
  auto kb = Load("out");
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(HolderNames(*kb, "prime_minister", "RU", "1999-10-01"), Names{"Vladimir Putin"});
  EXPECT_EQ(HolderNames(*kb, "president", "RU", "2005-01-01"), Names{"Vladimir Putin"});
  EXPECT_EQ(HolderNames(*kb, "prime_minister", "RU", "2005-01-01"), Names{"Mikhail Fradkov"});
  EXPECT_EQ(HolderNames(*kb, "prime_minister", "RU", "2010-01-01"), Names{"Vladimir Putin"});
  EXPECT_EQ(HolderNames(*kb, "president", "RU", "2024-01-01"), Names{"Vladimir Putin"});
  EXPECT_EQ(HolderNames(*kb, "president", "RU", "2009-01-01"), Names{});
}

TEST_F(WikidataImportTest, MarksActingHolders) {
  Import(kFixture, "out");
  std::vector<std::string> cells = Cells(RowOf((root_ / "out/people/wikidata.tsv").string(), "Q7747"));
  ASSERT_EQ(cells.size(), 7u);
  EXPECT_EQ(cells[6],
            "prime_minister@RU:1999-08-16..2000-05-07|president@RU:1999-12-31..2000-05-07!acting|"
            "president@RU:2000-05-07..2008-05-07|prime_minister@RU:2008-05-08..2012-05-07|president@RU:2012-05-07..");
  auto kb = Load("out");
  ASSERT_NE(kb, nullptr);
  std::vector<uint32_t> holders = kb->HoldersAt("president", "RU", *CivilDate::FromIso("2000-02-01"));
  ASSERT_EQ(holders.size(), 1u);
  const Tenure* tenure = kb->TenureAt(holders[0], *CivilDate::FromIso("2000-02-01"));
  ASSERT_NE(tenure, nullptr);
  // Prime minister is his regular tenure that day; the acting presidency is the other.
  EXPECT_EQ(tenure->office, "prime_minister");
  int acting = 0;
  for (const Tenure& t : kb->person(holders[0]).tenures) acting += t.acting;
  EXPECT_EQ(acting, 1);
}

TEST_F(WikidataImportTest, KeepsPeopleWithoutPersianLabel) {
  Import(kFixture, "out");
  EXPECT_EQ(RowOf((root_ / "out/people/wikidata.tsv").string(), "Q90000301"),
            "Q90000301\tMikhail Fradkov\t\t\tميخائيل فرادكوف\tМихаил Фрадков\tprime_minister@RU:2004-03-05..2007-09-14");
  // The "mul" label stands in for a missing English one.
  auto kb = Load("out");
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(HolderNames(*kb, "foreign_minister", "IR", "2015-01-01"), Names{"Mohammad Javad Zarif"});
}

TEST_F(WikidataImportTest, WritesPartialDatesAndEndsTenuresAtDeath) {
  Import(kFixture, "out");
  std::string people = (root_ / "out/people/wikidata.tsv").string();
  EXPECT_EQ(Cells(RowOf(people, "Q90000302")).back(), "foreign_minister@RU:1996-01..1998-09");
  EXPECT_EQ(Cells(RowOf(people, "Q90000303")).back(), "foreign_minister@RU:1957-02..1961-04-12");
  auto kb = Load("out");
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(HolderNames(*kb, "foreign_minister", "RU", "1998-09-30"), Names{"Yevgeny Primakov"});
  EXPECT_EQ(HolderNames(*kb, "foreign_minister", "RU", "1998-10-01"), Names{});
}

TEST_F(WikidataImportTest, SkipsSubnationalDeputyAndUndatedPositions) {
  Import(kFixture, "out");
  std::string people = ReadFile((root_ / "out/people/wikidata.tsv").string());
  EXPECT_EQ(people.find("Minnikhanov"), std::string::npos);  // President of Tatarstan
  EXPECT_EQ(people.find("Novak"), std::string::npos);        // deputy prime minister
  EXPECT_EQ(people.find("Undated Minister"), std::string::npos);
  EXPECT_EQ(people.find("Some Painter"), std::string::npos);
}

TEST_F(WikidataImportTest, WritesCountriesCitiesAndOrganizations) {
  Import(kFixture, "out");
  EXPECT_EQ(RowOf((root_ / "out/countries.tsv").string(), "RU"),
            "RU\tRussia|Russian Federation\tروسیه\tروسيا|الاتحاد الروسي\tРоссия\tRussian\tروسی\t\t");
  EXPECT_EQ(RowOf((root_ / "out/cities.tsv").string(), "Moscow"), "Moscow\tRU\t\tمسکو\tموسكو\tМосква\tcapital");
  EXPECT_EQ(RowOf((root_ / "out/cities.tsv").string(), "Tehran"), "Tehran\tIR\tTeheran\tتهران\tطهران\t\tcapital");
  EXPECT_EQ(RowOf((root_ / "out/cities.tsv").string(), "Mashhad"), "Mashhad\tIR\t\tمشهد\tمشهد\t\tcity");
  EXPECT_EQ(RowOf((root_ / "out/cities.tsv").string(), "Small Town"), "");
  // The bundled id for the UN, the short name for an organization the bundled base lacks.
  EXPECT_EQ(Cells(RowOf((root_ / "out/organizations.tsv").string(), "UN")).at(1), "United Nations");
  EXPECT_EQ(Cells(RowOf((root_ / "out/organizations.tsv").string(), "CAN")).at(1), "Andean Community");
  auto kb = Load("out");
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(HolderNames(*kb, "secretary_general", "UN", "2020-01-01"), Names{"António Guterres"});
}

TEST_F(WikidataImportTest, ReportsBrokenLinesAndImportsTheRest) {
  WikidataImportStats stats = Import(kFixture, "out");
  EXPECT_EQ(stats.skipped_lines, 1u);
  EXPECT_EQ(warnings_, std::vector<std::string>{kFixture + ":12: not JSON, skipped"});
  // Positions after the broken line were still read.
  auto kb = Load("out");
  ASSERT_NE(kb, nullptr);
  EXPECT_EQ(HolderNames(*kb, "president", "RU", "2024-01-01"), Names{"Vladimir Putin"});
}

TEST_F(WikidataImportTest, LoadsBesideTheBundledKnowledgeBase) {
  Import(kFixture, "out");
  auto kb = KnowledgeBase::Load({KnowledgeBase::BundledDirectory(), (root_ / "out").string()});
  ASSERT_TRUE(kb.ok()) << kb.status().message();
}

TEST_F(WikidataImportTest, ReadsGzipAndBzip2Dumps) {
  std::string plain = ReadFile(kFixture);
  std::string gz_path = (root_ / "dump.json.gz").string();
  gzFile gz = gzopen(gz_path.c_str(), "wb6");
  ASSERT_NE(gz, nullptr);
  // Two gzip members, as pigz or a resumed download writes them.
  size_t half = plain.size() / 2;
  ASSERT_EQ(gzwrite(gz, plain.data(), static_cast<unsigned>(half)), static_cast<int>(half));
  gzclose(gz);
  gz = gzopen(gz_path.c_str(), "ab6");
  ASSERT_EQ(gzwrite(gz, plain.data() + half, static_cast<unsigned>(plain.size() - half)),
            static_cast<int>(plain.size() - half));
  gzclose(gz);

  std::string bz_path = (root_ / "dump.json.bz2").string();
  {
    // Two bzip2 streams back to back, as lbzip2/pbzip2 write them.
    std::ofstream out(bz_path, std::ios::binary);
    for (std::string_view part : {std::string_view(plain).substr(0, half), std::string_view(plain).substr(half)}) {
      std::string compressed(part.size() + part.size() / 100 + 600, '\0');
      unsigned length = static_cast<unsigned>(compressed.size());
      ASSERT_EQ(BZ2_bzBuffToBuffCompress(compressed.data(), &length, const_cast<char*>(part.data()),
                                         static_cast<unsigned>(part.size()), 9, 0, 0),
                BZ_OK);
      out.write(compressed.data(), length);
    }
  }

  WikidataImportStats from_plain = Import(kFixture, "plain");
  WikidataImportStats from_gz = Import(gz_path, "gz");
  WikidataImportStats from_bz = Import(bz_path, "bz");
  EXPECT_EQ(from_gz.lines, from_plain.lines);
  EXPECT_EQ(from_bz.lines, from_plain.lines);
  for (const char* file : {"people/wikidata.tsv", "countries.tsv", "cities.tsv", "organizations.tsv"}) {
    std::string expected = WithoutComments(ReadFile((root_ / "plain" / file).string()));
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(WithoutComments(ReadFile((root_ / "gz" / file).string())), expected) << file;
    EXPECT_EQ(WithoutComments(ReadFile((root_ / "bz" / file).string())), expected) << file;
  }
  EXPECT_EQ(warnings_.size(), 3u);  // the broken line, once per import
  EXPECT_EQ(warnings_[1], gz_path + ":12: not JSON, skipped");
}

TEST_F(WikidataImportTest, ImportsATruncatedDownloadUpToWhereItStops) {
  std::string plain = ReadFile(kFixture);
  std::string gz_path = (root_ / "whole.json.gz").string();
  gzFile gz = gzopen(gz_path.c_str(), "wb6");
  ASSERT_NE(gz, nullptr);
  gzwrite(gz, plain.data(), static_cast<unsigned>(plain.size()));
  gzclose(gz);
  std::string compressed = ReadFile(gz_path);
  std::string cut_path = (root_ / "cut.json.gz").string();
  std::ofstream(cut_path, std::ios::binary) << compressed.substr(0, compressed.size() * 3 / 4);
  WikidataImportStats stats = Import(cut_path, "out");
  EXPECT_GT(stats.lines, 10u);
  EXPECT_LT(stats.lines, 33u);
  ASSERT_FALSE(warnings_.empty());
  EXPECT_NE(warnings_.back().find(cut_path + ": gzip: truncated file after line "), std::string::npos)
      << warnings_.back();
  EXPECT_TRUE(fs::exists(root_ / "out/people/wikidata.tsv"));
}

TEST_F(WikidataImportTest, FailsOnlyWhenTheDumpCannotBeOpened) {
  WikidataImportOptions options;
  options.output_directory = (root_ / "out").string();
  Result<WikidataImportStats> stats = ImportWikidata((root_ / "missing.json.gz").string(), options);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find("missing.json.gz: cannot open"), std::string::npos);
}

}  // namespace
}  // namespace rayzan
