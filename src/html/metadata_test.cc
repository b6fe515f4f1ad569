// Metadata rules that the benchmark pages showed wrong, each on a minimal
// page (the accuracy over whole sets is bench/extract_eval's).
#include <gtest/gtest.h>

#include <string>

#include "rayzan/html.h"

namespace rayzan {
namespace {

ExtractedPage Extract(const std::string& head, const std::string& body, const std::string& url) {
  std::string html = "<html><head>" + head + "</head><body>" + body +
                     "<article><p>The council met on Monday and agreed the new budget after a long debate "
                     "about schools, roads and the harbour.</p></article></body></html>";
  Result<ExtractedPage> r = ExtractPage(html, url);
  EXPECT_TRUE(r.ok());
  return r.ok() ? r.value() : ExtractedPage();
}

TEST(MetadataTest, OpenGraphTitleLosesTheSiteNameTail) {
  ExtractedPage p = Extract("<meta property=\"og:title\" content=\"Warum Wien zu blöd ist - Helge.at\">", "",
                            "https://www.helge.at/2014/warum/");
  EXPECT_EQ(p.title.value, "Warum Wien zu blöd ist");
  p = Extract("<title>Enterprise 2.0 | HR Innovation</title>"
              "<meta property=\"og:title\" content=\"Enterprise 2.0 | HR Innovation\">"
              "<meta property=\"og:site_name\" content=\"HR Innovation\">", "", "https://example.org/e2");
  EXPECT_EQ(p.title.value, "Enterprise 2.0");
}

TEST(MetadataTest, OpenGraphTitleKeepsATailThatNamesNoSite) {
  ExtractedPage p = Extract("<title>Iran and US - talks resume | Tehran Times</title>"
                            "<meta property=\"og:title\" content=\"Iran and US - talks resume\">",
                            "", "https://www.tehrantimes.com/news/1");
  EXPECT_EQ(p.title.value, "Iran and US - talks resume");
}

TEST(MetadataTest, AuthorLabelsAndSiteNamesAreNotNames) {
  ExtractedPage p = Extract("", "<a rel=\"author\" href=\"/a/dl\">View all posts by Daniel Lemire</a>",
                            "https://lemire.me/blog/x");
  EXPECT_EQ(p.author.value, "Daniel Lemire");
  p = Extract("<meta name=\"author\" content=\"El Mostrador\">", "", "https://www.elmostrador.cl/noticias/1");
  EXPECT_TRUE(p.author.empty()) << p.author.value;
  p = Extract("<meta name=\"author\" content=\"No Author\">", "", "https://example.org/a");
  EXPECT_TRUE(p.author.empty()) << p.author.value;
  p = Extract("<meta property=\"article:author\" content=\"@NatGeoUK\">", "", "https://example.org/a");
  EXPECT_TRUE(p.author.empty()) << p.author.value;
}

TEST(MetadataTest, JsonLdAuthorByReference) {
  ExtractedPage p = Extract(
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
      "{\"@type\":\"Article\",\"author\":{\"@id\":\"https://k.example/#/person/1\"}},"
      "{\"@type\":\"Person\",\"@id\":\"https://k.example/#/person/1\",\"name\":\"Kab Niang\"}]}</script>",
      "", "https://k.example/a");
  EXPECT_EQ(p.author.value, "Kab Niang");
  EXPECT_EQ(p.author.source, "json-ld:author");
}

TEST(MetadataTest, ItempropAuthorWithABiographyGivesTheName) {
  ExtractedPage p = Extract("", "<div itemprop=\"author\"><span itemprop=\"name\">Evan Symon</span> Evan V. Symon is "
                                "the Senior Editor of the paper and has covered the state capitol since 2015.</div>",
                            "https://example.org/a");
  EXPECT_EQ(p.author.value, "Evan Symon");
}

TEST(MetadataTest, HcardAuthorNameIsTheByline) {
  ExtractedPage p = Extract("", "<span class=\"byline\"><span class=\"author vcard\"><a class=\"url fn n\" "
                                "href=\"/author/mc\">Martin Clavey</a></span></span>",
                            "https://www.soundofscience.fr/1");
  EXPECT_EQ(p.author.value, "Martin Clavey");
  EXPECT_EQ(p.author.source, "class:byline");
}

}  // namespace
}  // namespace rayzan
