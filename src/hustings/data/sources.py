"""Every upstream file the registry reads: mirror path, sha256 and pinned download URL.

Facts taken from the publishers' files (checksums of the bytes as published).
"""

from __future__ import annotations

from typing import NamedTuple


class SourceFile(NamedTuple):
    """One upstream file as published."""

    path: str
    sha256: str
    url: str


SOURCES: dict[str, SourceFile] = {
    "hexmaps/constituencies_2010_2019.hexjson": SourceFile(
        "hexmaps/constituencies_2010_2019.hexjson",
        "11c73aee6daec55de06a5dc18e3baabc7c85e9f45333300140f6c55e32e7820e",
        "https://raw.githubusercontent.com/odileeds/hexmaps/5383e24a0fbfb1a53e0dcafdf902bf6213e22b75/maps/constituencies.hexjson",
    ),
    "hexmaps/constituencies_2019_bbc_layout.hexjson": SourceFile(
        "hexmaps/constituencies_2019_bbc_layout.hexjson",
        "a2aab658b196bb4af9e7176ae6525a1964c11943d65e367b0098cb8cde38102f",
        "https://raw.githubusercontent.com/odileeds/hexmaps/5383e24a0fbfb1a53e0dcafdf902bf6213e22b75/maps/uk-constituencies-2019-BBC.hexjson",
    ),
    "hexmaps/constituencies_2024.hexjson": SourceFile(
        "hexmaps/constituencies_2024.hexjson",
        "7a99cbd2f9574ee7e3fcb55a106189b7342d35c899e96554f51c06b6c73469d0",
        "https://raw.githubusercontent.com/open-innovations/constituencies/8c28561bc48cf1a8b947b51becf2e4e4ae1162e7/src/_data/hexjson/uk-constituencies-2024.hexjson",
    ),
    "results/ge2017_constituencies.csv": SourceFile(
        "results/ge2017_constituencies.csv",
        "e41c1281aa2eed011f75022d6b386a3687c4920f0c8f0c9d3c3847836a35f241",
        "https://raw.githubusercontent.com/evanodell/parlitools/004b4ee1a5679ffdf36de7da9b772b1878551284/data-raw/hocl-data/HoC-GE2017-constituency-results.csv",
    ),
    "results/ge2019_constituencies.csv": SourceFile(
        "results/ge2019_constituencies.csv",
        "2839c297df7e680c2c3e4faad88bdfdb372e67c66538425c4d738dc2096dc340",
        "https://raw.githubusercontent.com/evanodell/parlitools/004b4ee1a5679ffdf36de7da9b772b1878551284/data-raw/hocl-data/HoC-GE2019-results-by-constituency-csv.csv",
    ),
    "results/ge2024_constituencies.csv": SourceFile(
        "results/ge2024_constituencies.csv",
        "041e5e52442391d29b38b6d830e7f4a192a098fc1d2824a33243cd0817fc1546",
        "https://raw.githubusercontent.com/InductiveStep/colm-test/d74fafc63fc1552ac20b5b144cedc6752f8fdf04/HoC-GE2024-results-by-constituency.csv",
    ),
    "upstream/12v/boundary-mapper/output/ward_to_constituencies_mapping.csv": SourceFile(
        "upstream/12v/boundary-mapper/output/ward_to_constituencies_mapping.csv",
        "9b10142a8f1b7e69895a176efef3f7063aa5b8fb566aad8bc2934c7f79f32600",
        "https://raw.githubusercontent.com/12v/boundary-mapper/415bf020b9e6dada0dcc131930528a1fa3943fb2/output/ward_to_constituencies_mapping.csv",
    ),
    "upstream/InductiveStep/colm-test/HoC-GE2024-results-by-candidate.csv": SourceFile(
        "upstream/InductiveStep/colm-test/HoC-GE2024-results-by-candidate.csv",
        "2e06832dbeb5ddbea940ea841211c608950ab9d4819379d5669b6cd583182dc7",
        "https://raw.githubusercontent.com/InductiveStep/colm-test/1c74adc233aa8dc96a6ce94a0bceefe1d4c0e1c1/HoC-GE2024-results-by-candidate.csv",
    ),
    "upstream/cwthom/hack25usefuldata/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.cpg": SourceFile(
        "upstream/cwthom/hack25usefuldata/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.cpg",
        "3ad3031f5503a4404af825262ee8232cc04d4ea6683d42c5dd0a2f2a27ac9824",
        "https://raw.githubusercontent.com/cwthom/hack25usefuldata/ac00fc579549da8d5c48a4736b5b4162fcaebb32/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.cpg",
    ),
    "upstream/cwthom/hack25usefuldata/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.dbf": SourceFile(
        "upstream/cwthom/hack25usefuldata/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.dbf",
        "d1403ea1f523b42a5c16ec1dafef49e7bda4eb5cbebe34ecc876bad9e20cc668",
        "https://raw.githubusercontent.com/cwthom/hack25usefuldata/ac00fc579549da8d5c48a4736b5b4162fcaebb32/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.dbf",
    ),
    "upstream/cwthom/hack25usefuldata/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.prj": SourceFile(
        "upstream/cwthom/hack25usefuldata/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.prj",
        "d97d276680377a05a19a8b8030ae04c4a87e883a9e5c07d0c646e5402e773a89",
        "https://raw.githubusercontent.com/cwthom/hack25usefuldata/ac00fc579549da8d5c48a4736b5b4162fcaebb32/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.prj",
    ),
    "upstream/cwthom/hack25usefuldata/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.shp": SourceFile(
        "upstream/cwthom/hack25usefuldata/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.shp",
        "1b0bb424d6580e6e71f6be17d9f5ca2444aa6e1b5f89e6c3bef10c468e652b9d",
        "https://raw.githubusercontent.com/cwthom/hack25usefuldata/ac00fc579549da8d5c48a4736b5b4162fcaebb32/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.shp",
    ),
    "upstream/cwthom/hack25usefuldata/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.shx": SourceFile(
        "upstream/cwthom/hack25usefuldata/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.shx",
        "5fca3e8894573b8fc93ce0b6fc7c21d0f2bb8f58a86344c40c6ab7595f2b68b3",
        "https://raw.githubusercontent.com/cwthom/hack25usefuldata/ac00fc579549da8d5c48a4736b5b4162fcaebb32/data-raw/PCON_JULY_2024/PCON_JULY_2024_UK_BUC.shx",
    ),
    "upstream/evanodell/parlitools/data-raw/2015-UK-general-election-data-results-WEB/CONSTITUENCY.csv": SourceFile(
        "upstream/evanodell/parlitools/data-raw/2015-UK-general-election-data-results-WEB/CONSTITUENCY.csv",
        "b2b6ca4410e725a7a0b97a04eca181d22831dea6798be84cbffc1161def04494",
        "https://raw.githubusercontent.com/evanodell/parlitools/004b4ee1a5679ffdf36de7da9b772b1878551284/data-raw/2015-UK-general-election-data-results-WEB/CONSTITUENCY.csv",
    ),
    "upstream/evanodell/parlitools/data-raw/BES-2017-General-Election-results-file-v1.0.xlsx": SourceFile(
        "upstream/evanodell/parlitools/data-raw/BES-2017-General-Election-results-file-v1.0.xlsx",
        "5a2d4b45ad4e90c3b462fd7c59ed72b832c8a17d719feb5206f82c5615744d90",
        "https://raw.githubusercontent.com/evanodell/parlitools/004b4ee1a5679ffdf36de7da9b772b1878551284/data-raw/BES-2017-General-Election-results-file-v1.0.xlsx",
    ),
    "upstream/evanodell/parlitools/data-raw/EC data/qry_Candidate_Returns_publication_detailed_FINAL-20110816.xls": SourceFile(
        "upstream/evanodell/parlitools/data-raw/EC data/qry_Candidate_Returns_publication_detailed_FINAL-20110816.xls",
        "675b0ec980abe040c9ea70c4d2c3d1834d2ee4efbd8fb23ff25b060ef0db0052",
        "https://raw.githubusercontent.com/evanodell/parlitools/004b4ee1a5679ffdf36de7da9b772b1878551284/data-raw/EC%20data/qry_Candidate_Returns_publication_detailed_FINAL-20110816.xls",
    ),
    "upstream/evanodell/parlitools/data-raw/Final estimates of the Leave vote share in the EU referendum.xlsx": SourceFile(
        "upstream/evanodell/parlitools/data-raw/Final estimates of the Leave vote share in the EU referendum.xlsx",
        "a81d0881ff1829572608cd221848d462d207daa3ab00dc01b4a5c03aac89b632",
        "https://raw.githubusercontent.com/evanodell/parlitools/004b4ee1a5679ffdf36de7da9b772b1878551284/data-raw/Final%20estimates%20of%20the%20Leave%20vote%20share%20in%20the%20EU%20referendum.xlsx",
    ),
    "upstream/evanodell/parlitools/data-raw/brexit-ni-constituencies.xlsx": SourceFile(
        "upstream/evanodell/parlitools/data-raw/brexit-ni-constituencies.xlsx",
        "0238b9fd7eea52b4d48ba20120d85aa6d9d5105d6e8df13925501981205165f3",
        "https://raw.githubusercontent.com/evanodell/parlitools/004b4ee1a5679ffdf36de7da9b772b1878551284/data-raw/brexit-ni-constituencies.xlsx",
    ),
    "upstream/evanodell/parlitools/data-raw/hocl-data/CBP-7529-.download.xlsx": SourceFile(
        "upstream/evanodell/parlitools/data-raw/hocl-data/CBP-7529-.download.xlsx",
        "26e8caa66b271411365d5417591f567b5ec62e2fe54bff221f5c1da46b224456",
        "https://raw.githubusercontent.com/evanodell/parlitools/004b4ee1a5679ffdf36de7da9b772b1878551284/data-raw/hocl-data/CBP-7529-.download.xlsx",
    ),
    "upstream/evanodell/parlitools/data-raw/hocl-data/CBP-8280-by-elections-results-summary.xlsx": SourceFile(
        "upstream/evanodell/parlitools/data-raw/hocl-data/CBP-8280-by-elections-results-summary.xlsx",
        "13d831418880db2a755d5cf927949e2620af0bc9d66a604120448342c1392e4f",
        "https://raw.githubusercontent.com/evanodell/parlitools/004b4ee1a5679ffdf36de7da9b772b1878551284/data-raw/hocl-data/CBP-8280-by-elections-results-summary.xlsx",
    ),
    "upstream/evanodell/parlitools/data-raw/hocl-data/HoC-GE2017-results-by-candidate.csv": SourceFile(
        "upstream/evanodell/parlitools/data-raw/hocl-data/HoC-GE2017-results-by-candidate.csv",
        "a84e7cd98180b8c47910a7c3b08aac41fc6c618e773d027429e71b30888d2b33",
        "https://raw.githubusercontent.com/evanodell/parlitools/004b4ee1a5679ffdf36de7da9b772b1878551284/data-raw/hocl-data/HoC-GE2017-results-by-candidate.csv",
    ),
    "upstream/evanodell/parlitools/data-raw/hocl-data/HoC-GE2019-results-by-candidate.csv": SourceFile(
        "upstream/evanodell/parlitools/data-raw/hocl-data/HoC-GE2019-results-by-candidate.csv",
        "5d2fcff442077344a0bdd3e85eafa801186b74da474f228dead7caae95283284",
        "https://raw.githubusercontent.com/evanodell/parlitools/004b4ee1a5679ffdf36de7da9b772b1878551284/data-raw/hocl-data/HoC-GE2019-results-by-candidate.csv",
    ),
    "upstream/evanodell/parlitools/data-raw/hocl-data/hoc-ge2015-results-full.csv": SourceFile(
        "upstream/evanodell/parlitools/data-raw/hocl-data/hoc-ge2015-results-full.csv",
        "2a1618b6c0bbccd390918b40f07d615106ddd4c6a466851b586db85c48c8f73f",
        "https://raw.githubusercontent.com/evanodell/parlitools/004b4ee1a5679ffdf36de7da9b772b1878551284/data-raw/hocl-data/hoc-ge2015-results-full.csv",
    ),
    "upstream/inigo/tacticalvoting-consistency-checker/data/stopthetories.csv": SourceFile(
        "upstream/inigo/tacticalvoting-consistency-checker/data/stopthetories.csv",
        "1f1c1a393697bdbee114bc0e529ae1d190acd53d177f35156fff9c238e356de8",
        "https://raw.githubusercontent.com/inigo/tacticalvoting-consistency-checker/33cdfcf486150eb401c0133df87374ac8fba6694/data/stopthetories.csv",
    ),
    "upstream/inigo/tacticalvoting-consistency-checker/data/tactical.vote.csv": SourceFile(
        "upstream/inigo/tacticalvoting-consistency-checker/data/tactical.vote.csv",
        "538d60d404e672c4d4523316dc8b6b2678561a9d5f7ca2f0fb02f79e1acdb4a7",
        "https://raw.githubusercontent.com/inigo/tacticalvoting-consistency-checker/33cdfcf486150eb401c0133df87374ac8fba6694/data/tactical.vote.csv",
    ),
    "upstream/inigo/tacticalvoting-consistency-checker/data/tacticalvote.co.uk.csv": SourceFile(
        "upstream/inigo/tacticalvoting-consistency-checker/data/tacticalvote.co.uk.csv",
        "7ded5060fd524c6cd80f16b0925008feae5ae46c39f0e0466ac3f7e98b32a56b",
        "https://raw.githubusercontent.com/inigo/tacticalvoting-consistency-checker/33cdfcf486150eb401c0133df87374ac8fba6694/data/tacticalvote.co.uk.csv",
    ),
    "upstream/keithysimpson/UK_general_election_polls_stacked/data/1918-2019election_results.csv": SourceFile(
        "upstream/keithysimpson/UK_general_election_polls_stacked/data/1918-2019election_results.csv",
        "0bc67fb1be889f1fc028c65ebfb5995f88a14843007924b0ca4b242d748a45fe",
        "https://raw.githubusercontent.com/keithysimpson/UK_general_election_polls_stacked/f437a8a147790b11e1b366f5253a00a30a74f936/data/1918-2019election_results.csv",
    ),
    "upstream/keithysimpson/UK_general_election_polls_stacked/data/GE_polls_all.csv": SourceFile(
        "upstream/keithysimpson/UK_general_election_polls_stacked/data/GE_polls_all.csv",
        "95fb5fc98626e8d2be1e4c7e0e2d3e71e9f8e3c6b6dd34c245a2c4a3364e54bc",
        "https://raw.githubusercontent.com/keithysimpson/UK_general_election_polls_stacked/5207d01ec9eff74dac854d41852fda69823bb525/data/GE_polls_all.csv",
    ),
    "upstream/keithysimpson/UK_general_election_polls_stacked/data/PollBase-Q4-2025.xlsx": SourceFile(
        "upstream/keithysimpson/UK_general_election_polls_stacked/data/PollBase-Q4-2025.xlsx",
        "3be757711b8887699fb3cc6b602adafaf4ba888bd95d213bc345bbacb9978788",
        "https://raw.githubusercontent.com/keithysimpson/UK_general_election_polls_stacked/f437a8a147790b11e1b366f5253a00a30a74f936/data/PollBase-Q4-2025.xlsx",
    ),
    "upstream/matthewgthomas/track-uk-election-forecasts/economist-mrp-2024-07-02.csv": SourceFile(
        "upstream/matthewgthomas/track-uk-election-forecasts/economist-mrp-2024-07-02.csv",
        "b1937aa381ae96b759249315a93d4fa9ed1b15415e58287ea4155393950a4431",
        "https://raw.githubusercontent.com/matthewgthomas/track-uk-election-forecasts/4c9a33db2055a08b9a4c09b6bdc3375f1db95d50/economist-mrp-2024-07-02.csv",
    ),
    "upstream/matthewgthomas/track-uk-election-forecasts/election-maps-uk-2024-07-02.csv": SourceFile(
        "upstream/matthewgthomas/track-uk-election-forecasts/election-maps-uk-2024-07-02.csv",
        "1ac54dc40bec2d8e02e3f76ed773e11d74003eb406b21ff4812059cb82789c9e",
        "https://raw.githubusercontent.com/matthewgthomas/track-uk-election-forecasts/4c9a33db2055a08b9a4c09b6bdc3375f1db95d50/election-maps-uk-2024-07-02.csv",
    ),
    "upstream/matthewgthomas/track-uk-election-forecasts/forecast-accuracy.csv": SourceFile(
        "upstream/matthewgthomas/track-uk-election-forecasts/forecast-accuracy.csv",
        "478b0bb10c1aca44efee57e11880f4a3a5cd66edb3f4389dfe56a67b7c8e7859",
        "https://raw.githubusercontent.com/matthewgthomas/track-uk-election-forecasts/4c9a33db2055a08b9a4c09b6bdc3375f1db95d50/forecast-accuracy.csv",
    ),
    "upstream/matthewgthomas/track-uk-election-forecasts/forecasts-and-results.csv": SourceFile(
        "upstream/matthewgthomas/track-uk-election-forecasts/forecasts-and-results.csv",
        "2202604021f079b3ddb842554d669cd408a7f044094cf64f15ace09c0a184d6b",
        "https://raw.githubusercontent.com/matthewgthomas/track-uk-election-forecasts/4c9a33db2055a08b9a4c09b6bdc3375f1db95d50/forecasts-and-results.csv",
    ),
    "upstream/matthewgthomas/track-uk-election-forecasts/forecasts.csv": SourceFile(
        "upstream/matthewgthomas/track-uk-election-forecasts/forecasts.csv",
        "683cca9980495bd8b60f9bbed485a1cc0b0f9274a5c15885191427b6d48eb258",
        "https://raw.githubusercontent.com/matthewgthomas/track-uk-election-forecasts/4c9a33db2055a08b9a4c09b6bdc3375f1db95d50/forecasts.csv",
    ),
    "upstream/matthewgthomas/track-uk-election-forecasts/new-statesman-2024-07-03.csv": SourceFile(
        "upstream/matthewgthomas/track-uk-election-forecasts/new-statesman-2024-07-03.csv",
        "af854194c442b68b548bd6ff6f7519ecf1c744402232689a5ef8a2fccf8c5d1a",
        "https://raw.githubusercontent.com/matthewgthomas/track-uk-election-forecasts/4c9a33db2055a08b9a4c09b6bdc3375f1db95d50/new-statesman-2024-07-03.csv",
    ),
    "upstream/matthewgthomas/track-uk-election-forecasts/principal-fish-2024-07-02.csv": SourceFile(
        "upstream/matthewgthomas/track-uk-election-forecasts/principal-fish-2024-07-02.csv",
        "e212ca6775e2359ce0c103324ce383bb0dd3aa5c77cc480aa49ba3412a48fbe6",
        "https://raw.githubusercontent.com/matthewgthomas/track-uk-election-forecasts/4c9a33db2055a08b9a4c09b6bdc3375f1db95d50/principal-fish-2024-07-02.csv",
    ),
    "upstream/matthewgthomas/track-uk-election-forecasts/results.csv": SourceFile(
        "upstream/matthewgthomas/track-uk-election-forecasts/results.csv",
        "ef7dbaf9fe88a346f3bdaf0df49091d1a45b3ccc6da0cd5382db1288a3d166dc",
        "https://raw.githubusercontent.com/matthewgthomas/track-uk-election-forecasts/4c9a33db2055a08b9a4c09b6bdc3375f1db95d50/results.csv",
    ),
    "upstream/open-innovations/constituencies/lookups/PARL10_PARL25_combo_overlap.csv": SourceFile(
        "upstream/open-innovations/constituencies/lookups/PARL10_PARL25_combo_overlap.csv",
        "daa77a9d81783185bfe2f4646579a7e74aec91215fdcea57228de8e3f0eb783a",
        "https://raw.githubusercontent.com/open-innovations/constituencies/65eaf3d010f386f4c8b0c28ccf6b9b44dd3fc537/lookups/PARL10_PARL25_combo_overlap.csv",
    ),
    "upstream/open-innovations/constituencies/lookups/ukparl.2025.csv": SourceFile(
        "upstream/open-innovations/constituencies/lookups/ukparl.2025.csv",
        "23806d15aee0cfba155650aef51dc594e151de5f579fdc8da828054bedce1273",
        "https://raw.githubusercontent.com/open-innovations/constituencies/65eaf3d010f386f4c8b0c28ccf6b9b44dd3fc537/lookups/ukparl.2025.csv",
    ),
    "upstream/open-innovations/constituencies/src/_data/sources/society/eu_referendum_2024_boundaries.csv": SourceFile(
        "upstream/open-innovations/constituencies/src/_data/sources/society/eu_referendum_2024_boundaries.csv",
        "e792af3ae3436ad377bcc34ba3ae9cb4765d368e661b16980322333bc0b96bcf",
        "https://raw.githubusercontent.com/open-innovations/constituencies/f41057ead1b494a2ccf384aef47918d62107a743/src/_data/sources/society/eu_referendum_2024_boundaries.csv",
    ),
    "upstream/ralphascott/UKGE24_wpc_census_summaries/2024-UK-General-Election-Census-Constituency-Summaries-File-v1.1.csv": SourceFile(
        "upstream/ralphascott/UKGE24_wpc_census_summaries/2024-UK-General-Election-Census-Constituency-Summaries-File-v1.1.csv",
        "981cd8b104683c95ffe9b7af5a1dd1a8a2b3e6d728c506212b6b7915a327fe8c",
        "https://raw.githubusercontent.com/ralphascott/UKGE24_wpc_census_summaries/2065af1d99974fc5649ebc5ae1e3395d96908fee/2024-UK-General-Election-Census-Constituency-Summaries-File-v1.1.csv",
    ),
    "upstream/ralphascott/UKGE24_wpc_census_summaries/data/results_spreadsheet_for_distribution.csv": SourceFile(
        "upstream/ralphascott/UKGE24_wpc_census_summaries/data/results_spreadsheet_for_distribution.csv",
        "3b6ac9d72b441323281ab6b75c8cfb2557b4f569fcd0052d3d857a89aa56107e",
        "https://raw.githubusercontent.com/ralphascott/UKGE24_wpc_census_summaries/d37264281d7ffa9eff6a86a01008c15e331022cc/data/results_spreadsheet_for_distribution.csv",
    ),
    "upstream/susjoh/election/GE2010-results-flatfile-website.xls": SourceFile(
        "upstream/susjoh/election/GE2010-results-flatfile-website.xls",
        "25159ca43965a786fed39e5b4094d4e27d515d563b2bb71a7f1f891cb3e419cf",
        "https://raw.githubusercontent.com/susjoh/election/26d6ca25ae78c61caec6ee715fb2e6e6b6100252/GE2010-results-flatfile-website.xls",
    ),
}

CODEPOINT_DIR = "upstream/mysociety/2025-constituencies/data/raw/external/codepo/csv"
_CODEPOINT_URL = (
    "https://raw.githubusercontent.com/mysociety/2025-constituencies/"
    "a0b99a674f0b92e6a0c82ecc609bd2f1fd19681c/data/raw/external/codepo/csv"
)
# OS Code-Point Open, one CSV per postcode area: area -> sha256.
CODEPOINT_AREAS: dict[str, str] = {
    "ab": "57adf66c95ac3dee696c3fcd897b0e17e1d0f56b0846e284dd1da71da7759178",
    "al": "5f864b1b9da76e711bad058f65bba1ff98f473fb4dab48e0337897ce55635280",
    "b": "1baff749c12ed2150a68037a7776bea08d12f18343ddebb1e5cf387a968cea94",
    "ba": "d0f2ba7dab9b20f0b1a5ad08706cf46da742129f3499db944159260f8c5a72a2",
    "bb": "70f7b0adbce5a599b8381f0098c5fd9caf22eca154c1e56d35dd301c25a96fd9",
    "bd": "610bf494a09e91bd09913a5cc3c997dfb1aa7cb1e58b3b1464aef8f036e5804a",
    "bh": "f7ab8db9b43b65f2f436c01907c77fda0ae8dd76f67e8db0ab89563d2ca612b1",
    "bl": "70efcdeca3c4d93565e8934e8b77ac770ebf8a8848db2033a67cb43ffe65544f",
    "bn": "f9f93992acaab666260b1e9ff2f0ffda9a01168ada0388db701434d32d987442",
    "br": "03d182691bc178adaa4f40558266c03696b3ba842df8a49ea0504a20f9b74f24",
    "bs": "722686259ba1a0bbf2b2ee10fdb8c4439439efa5f47df6954faf559184c87afc",
    "ca": "48e60f91a20909129a8a6cc0fdc2394098c4a8efe4d2cb8db7b3487ed78dfaef",
    "cb": "c06cd8d7fb6be9215d2a02d966c439d933f596962629aaf8d9dc02d1117457c8",
    "cf": "723f5fec6a6ef05d5ddf986c81643e64580ac48f9a348937e4e8badeed9d42c9",
    "ch": "b50be98594acdb98eddb8b844f99b9dc28c44d0fe34f8b62dab0c25649e0387d",
    "cm": "5e864c2980baa5ff9da3a1010028ae50831003f7297dbe0ff0bef82113e9bf66",
    "co": "88d229ee49c6061a9c0d799cda33cfeac7d61d40a435b18dbc6578b5c4e0ce2d",
    "cr": "6afb7c9b160f0c542066700586f2dad2986e455cf87a44c9a3032224d151820d",
    "ct": "c8d63d9ca80e3286ebdf4db00ec672458e6df63bf6780a086670c1b42465b9bd",
    "cv": "50724cc9f5aaf7f7ccc32cd1cea52030db4cdd95ce83761b05fcb0d636f19f99",
    "cw": "d0c5382400d95d41e607f56b1081a42602486ddddcb91f12359ecc73a0987a3a",
    "da": "e7c6d20f1ec8d4091c4691744b03bbc6629933430b836a526b1a7ade9e24bad0",
    "dd": "869149eb2fc8a274c5c1b52b40ea89ec7b559c4e31c77dca5784c9dda1c46927",
    "de": "d0b45bb303b0b5ea98b6bff5c9b0f30252659b246ae7083f04c02ef6bfbde947",
    "dg": "923455a457788da195fcbf2cc73deff9e03587113143e797a5ccc4c7fb89c71a",
    "dh": "3445feef7b8290fd120b3262889f745493533e7834fddf47a822dfac1d9e19d0",
    "dl": "ec90e8549ef8e1a52cab16cb4bdf30c692fefe120a5bf3fa575341ced3bfb152",
    "dn": "b878ff03c09c7791c303c739f6d45e32ae256b5fac83112636d7b36f236d2af4",
    "dt": "1b08f36a0d4cf44313cc3db43ff36a4d9aac2b702aa5ad03b292325052ed73dc",
    "dy": "093d93969e116254df9b3f154f9206dacf52cfab827dcab93489bce9db3db9b9",
    "e": "d2350ef1dbc5381c86d743b7a3d5e2534c0969e53d98fa221ce01dda21d4f525",
    "ec": "2f8157df1da81881de97ba622c764aa871cf6eb00c1e4475a88d32124546cd52",
    "eh": "7b7bd28890c600fa4b335227bb7ab544cd08b7b1bb798bb91cdd332a2dacf890",
    "en": "9e943872f04d144f6afa35d036ad7c9a1513071f7aae876b6fd53067d7a6bb61",
    "ex": "ad66f6013876e794cb56036c1f886e520d5d44498db9d162fe13acbe02f650ed",
    "fk": "c51857c1ebb83308de36889482fe96fb1cde83f3d4f6000ba315a11c3d8c3ccd",
    "fy": "564335af2413e30e9a8dc3cb5460f1911017b6c54adb25a665f9b1466f6367e6",
    "g": "a39de78bca525d80ee3ad6fe653c6b864fc43b7686541f049386ec484675d718",
    "gl": "69b327618f501c8be501435b28015d4c74125531f14d43c87ec1a23c86e68593",
    "gu": "689e277ef45dd1c9aae679fc2d3665252f6e22b5fcc42b963319ee99ca86c81c",
    "ha": "c2d2af768de1d3a934f6fb6ae8fbbbf8b2002874bb030df663ca5d2dc1a06608",
    "hd": "6a6b92a560427609720d534622d516a433099acc495489622b1c7aec2d04298d",
    "hg": "7610d39d84d8d73e8945944e38f91fa6e7548f9c265dbf8107fefe2e9cdcc940",
    "hp": "cdda612a067ee7367c6c18561e638e75478e16baf36efbee33e0907cf3a0507e",
    "hr": "195fd7fec76d4584349b4a5b8c1d4ec119e519c7ca8251b40dd08e8598555d89",
    "hs": "49472f5cdf5bb9cb9345dee758fd372297771cd286f33af29a675abcf81c158d",
    "hu": "30bf7d06f48ead3d0bf01719cca01dd6898f5fedece61c71bb0f794cd485473a",
    "hx": "4cbfe14af93366ba31fcb6575eebdbe2ef4ced75b7d51a4adaddbec454bc98b5",
    "ig": "2e62085bbca8ff3e08ca79216274c59c8d1cfd850269efb47f95fbae6c2e8a85",
    "ip": "c71ef79f8a9dada23493371c5b8ac55aac7de3f71b361e749a4e256fb487fcda",
    "iv": "39c7ba53e290aa2468e27ebaa071f7520f7e92887ae1188f638a2186c772178f",
    "ka": "039e5ac0eb5a57750c5366d54d7e66e271cd83a7d95ec693f86e6b49c6ff2803",
    "kt": "4275fd2e7927fdfa94d48b77bff7f78b0b4bee25b1fe002c6c96a03ff30e973e",
    "kw": "8ebc6d5fd74e675f9c661d4ca52abf7460af6ed982456fe6120920c73745253d",
    "ky": "58a1e0129b7246d5a2d0f0cd0109b02385e9636d5a0845f762e495345b6303f2",
    "l": "2d894851fa385dfe19a0260130218d84c9174beb4f1e259ae50d099fd43b6e93",
    "la": "9570dc64380f64deb692c59967a722a000ea6e0bb6e0f58fa0081e6e640626e9",
    "ld": "9c7ebf9d8d16b1da8c5f233cc01e2e02c1ec3c433019933f383922860549b321",
    "le": "050f51f32d032eec1f8079eaefb13bd0333f3e5f49a77662de5b24da5fb8f628",
    "ll": "fffc69e9ea6de62ebb97f44599f4f36d04c9b6bd075474d0717249c01c7694d5",
    "ln": "c5ddd32e2401c917574fc4ec2ce5725dde56c059c059fe8b1a95ae8b0b459096",
    "ls": "cb3b3fbf7e74e19b28cce2297bb2f471babd93d32719766f668eb0335166695c",
    "lu": "11a61326bf2d4dc0cd4d11b1333d2625097c4dcc6e5ec754dbea3e6a8a1c2f4a",
    "m": "4be9fadffc5d4725fbb17540b4a4c52cf63d1e9e38df963a513ffe54e14fa85a",
    "me": "be0398d68fce69755e5bec789dc321c2ecc337bcb3265c8e9aa8613c9542df8e",
    "mk": "309f2befd434ff3886b5767b0c6fdedd651ad47bdbcec3b490c8d19b7d11cf1d",
    "ml": "638e688ce75502d0c699c6b0f971badecb24ed46b3f5174937d7bbd34e411c35",
    "n": "694103cca9ad1860f4a4d587ebf9b134c763f4c0ad01d8999802f150650dab31",
    "ne": "b99c96c9eb6253d8e2fe39a82fc403301ae511e48ce540724c5a16ac817f7d15",
    "ng": "89b8d2f7a186a0454409cbc3a4a6aa433c1108ccf0de553e2d584416a7740e5b",
    "nn": "72a6b1ac301be61cb2a704ec5711e06f2fb63eba82b455280e8347bea715c57a",
    "np": "eed569e267b65aabbc4cc2047218a1030018b81aa65353987f8657b82b37b9a3",
    "nr": "c076cf4117ffd3e3aead0e13f26472b104681f267674a68d39092d0b574aec89",
    "nw": "a050e2c874e7a400f2ab99c6bd5a6b73ba44466da33f21629d7de761bfeefd9f",
    "ol": "da92287c1be7e4b8effda26144c5beefcc96da2c9cf86a76317ccf9c963bfb2c",
    "ox": "ae0bcbf6d71533568ed5b97afd78bef1df99ad256028dd3fa777b4e54e704d03",
    "pa": "e497d7dbb6849ac9dd78f2215c07c4630759829def075719a2a275b84670acc1",
    "pe": "3ec1cf19e682aa1b7098b4e5fc93749173483387fa6b035acda0aa906aeb89d0",
    "ph": "55ee20ea46dc2190167fa32d903638d41e3bad3d8f317679766d4d0439e06166",
    "pl": "d1c7fb0cca47277ff207ac6941781c37d5c9708b9f4c382912b036eed2ee67be",
    "po": "ca7c6a6ed5c0e45f097e63d58170054d5c3e6c33031694d0f91c8d3a95872659",
    "pr": "cf3e40c65b990932ae26255be1545cfc3259b92f0bf0ce1de0a7176fd7a35b1b",
    "rg": "860737159ec9e7707b9512d2d55bbf502ee5fbd08902977569394bb41c14381c",
    "rh": "67a39a9923143b137109a9c8909ab0482806ad85cc204c03717f6f6350a1d859",
    "rm": "a6e635d2bf8428b4b28bb7631c3351177fd344c0f963b5a1dc536cc5cbe139fa",
    "s": "b04ffd24b9ae958a563be44a27152392bf674516befdf43f4751d0480cdabb44",
    "sa": "a04075c54e8e4cc678ce3e2284679dff178ac7504cf8ed2197ca8300cc1cb1aa",
    "se": "5dfa210ce8871f4402dacba248b35b113e85d5469c677bdf1db645e991b23b3f",
    "sg": "545aa049e683f5e34007431ad1ec467d742182907455c40a4b8ccf81cccaadf0",
    "sk": "c8a7857c6b76eee4070cf6c034507cc4d31836fced32306a505002306b0c564e",
    "sl": "e4d7b19778ae7bca8ad3ce5aed3e8ccfba070ca9eb1aa6ef88b98afc28676f36",
    "sm": "4bee80a8830a3cc28b7268c61ad81fb2a0ab1395e377e94f851045e9acd27773",
    "sn": "0142eaaa749b9495a7303f7ca39aed8c249745e9240e32e31e0413a150bf12cd",
    "so": "35ebb3d611dd23320c8cd0ede936135a68fe716a70f6f4b96ebd97221f81997a",
    "sp": "abc4fd000c6019fae69daf6228f8c8af7522b360fc4651a9a52cbe7f5925872f",
    "sr": "e472631fb6858e04226d303c0cd712cc2f08a029b7fb4a838cd9a69fe3e2c897",
    "ss": "a3dcd4ecc0b9d069e6685dbbdf77e71e33509ec878978706171ce53c74946e79",
    "st": "c5a8a2924272d001f018f9362efe3a335e693d556f8c08d75c93e2cdee94785c",
    "sw": "a249887ad1ea80285f2f845cf95d3ee13214df5d902037bca1ff48dec61f584f",
    "sy": "1e72932a64827211f19e2d7fbf42bb98f34fc753296122396d0ae2a99e476572",
    "ta": "541340bb98e08d267ed3b32566769bad789f0f53f32e5dadfe1b53e76e007d3e",
    "td": "752bc012d3a51c711a6005f51bb278575106f89ab4cfa83d60a9fbe67fbf6123",
    "tf": "c2776c9f7a064f316708846526a5103ae11cdfdfdce8af2a9bd3bfef7108b070",
    "tn": "ccdd861f0b3fe43ede3f4ba83d2c94ed578f9a0fb4ca06aae48063b9226b0750",
    "tq": "f617b39ab32643fbb9f30cab731cc4286a28c0c78507310ea21635323ba93710",
    "tr": "3069ea0135bdd2a233b18ee3a50c563bc0e8fa980841d201df97665142a808f5",
    "ts": "c493182a7ba6b1d94d9d068acb97f06a960286709f1f287457b1e2c38a8ff1a2",
    "tw": "ae209b3eb89ba77aa868cc6ccb6d61bdc9c7996ce7182f888eb6a7ea1d72a65e",
    "ub": "dc826e6e0696d14093c27731f8dc9069ae0f1f8fbedb6c1e6357a389e3ca2e96",
    "w": "fbcb02fcf0564437014d5fd5606975cf52d278b22263c031adcb8414a842de22",
    "wa": "10831ac17f4ca8001909e456661b4041c644952f6313e03f70ef226929960c8a",
    "wc": "21fb7ee30235024cfebebdee7f01a65542d2719d4a7d2a1aaa49d9d1b3ab269b",
    "wd": "8ecb3dfd91cc29b0598ef96bb71cb3f990fc88f48e63cd9a56e88b6b412b832d",
    "wf": "78a504804cbb3b5ed91ae528d983f88465ff19e9200a7d62b8ce450f617f5899",
    "wn": "7c1c70a101b05a99131504044a9a45ec79657c0a283bc41d90b2d2ab948067dc",
    "wr": "7c64e5108bfc443ddf48973738ce1dd96de34f2f6cff8b445c76f81423366186",
    "ws": "4c655eaf0b69916c8629f33bf9ab7b4554fc91503217c8f42d8bcb373bc0ae14",
    "wv": "481179a938e055d807afb8fc25ed5c383a9b70bea68d3a7139c382d7863b9af1",
    "yo": "ebf7947ae66ee9855f1ed7f0367010da2a996f2568810a13c1f41208e47201d0",
    "ze": "1ad0f2726f21545bed471b4edd4d1918c97e3a1bf8de95860fdba006cc705e83",
}
SOURCES.update(
    {
        f"{CODEPOINT_DIR}/{area}.csv": SourceFile(
            f"{CODEPOINT_DIR}/{area}.csv", sha256, f"{_CODEPOINT_URL}/{area}.csv"
        )
        for area, sha256 in CODEPOINT_AREAS.items()
    }
)
