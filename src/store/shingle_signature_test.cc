#include "store/shingle_signature.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "rayzan/normalize.h"

namespace rayzan::store_internal {
namespace {

const std::string kFixtures = std::string(RAYZAN_DATA_DIR) + "/../tests/fixtures/store/";

std::map<std::string, std::string> Texts(const std::string& file) {
  std::map<std::string, std::string> texts;
  std::ifstream in(kFixtures + file);
  for (std::string line; std::getline(in, line);) {
    auto json = nlohmann::json::parse(line);
    texts[json["id"]] = Normalize(json["text"].get<std::string>()).text;
  }
  return texts;
}

TEST(ShingleSignatureTest, SyndicatedCopiesAreSimilarAndOtherStoriesAreNot) {
  auto texts = Texts("abdullah_mbs_aqaba_2015.jsonl");
  auto other = Texts("kerry_lavrov_aug2015.jsonl");
  // The SPA wire story of 10 August 2015 as 3alyoum.com, al-madina.com and
  // alriyadh.com ran it (real reposts in saudinewsnet): the last two are
  // word for word the same, the first differs in a few words.
  ShingleSignature original = ShingleSignature::Of(texts.at("saudinewsnet-2015-08-10-00071"));
  ShingleSignature madina = ShingleSignature::Of(texts.at("saudinewsnet-2015-08-10-00690"));
  ShingleSignature copy = ShingleSignature::Of(texts.at("saudinewsnet-2015-08-10-00988"));
  ShingleSignature rewrite = ShingleSignature::Of(texts.at("saudinewsnet-2015-08-11-01348"));
  ShingleSignature unrelated = ShingleSignature::Of(other.at("saudinewsnet-2015-08-02-00152"));
  EXPECT_EQ(ContentHash(texts.at("saudinewsnet-2015-08-10-00690")),
            ContentHash(texts.at("saudinewsnet-2015-08-10-00988")));
  EXPECT_NE(ContentHash(texts.at("saudinewsnet-2015-08-10-00071")),
            ContentHash(texts.at("saudinewsnet-2015-08-10-00988")));
  EXPECT_DOUBLE_EQ(madina.Similarity(copy), 1.0);
  EXPECT_GE(original.Similarity(copy), 0.9);
  EXPECT_GE(original.Similarity(rewrite), 0.5);
  EXPECT_LT(original.Similarity(rewrite), 1.0);
  EXPECT_LT(original.Similarity(unrelated), 0.1);
  EXPECT_GT(original.shingles(), 50);
  // Copies share a band key; unrelated texts share none.
  auto a = madina.BandKeys(), b = copy.BandKeys(), c = unrelated.BandKeys();
  EXPECT_EQ(a, b);
  for (int i = 0; i < ShingleSignature::kBands; ++i) EXPECT_NE(a[i], c[i]);
}

TEST(ShingleSignatureTest, SpellingVariantsAndPunctuationDoNotChangeTheHash) {
  EXPECT_EQ(ContentHash(Normalize("وزير الخارجية، سيرغي لافروف.").text),
            ContentHash(Normalize("وزیر الخارجیة  سيرغي  لافروف").text));
  EXPECT_NE(ContentHash(Normalize("لافروف").text), ContentHash(Normalize("بلينكن").text));
}

TEST(ShingleSignatureTest, SerializesAndParses) {
  ShingleSignature signature = ShingleSignature::Of("a b c d e f g h i j k l m n o p");
  ShingleSignature parsed;
  ASSERT_TRUE(ShingleSignature::Parse(signature.Serialize(), &parsed));
  EXPECT_DOUBLE_EQ(parsed.Similarity(signature), 1.0);
  EXPECT_EQ(parsed.shingles(), 12);
  EXPECT_FALSE(ShingleSignature::Parse("short", &parsed));
}

}  // namespace
}  // namespace rayzan::store_internal
