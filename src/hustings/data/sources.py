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
    "upstream/InductiveStep/colm-test/HoC-GE2024-results-by-candidate.csv": SourceFile(
        "upstream/InductiveStep/colm-test/HoC-GE2024-results-by-candidate.csv",
        "2e06832dbeb5ddbea940ea841211c608950ab9d4819379d5669b6cd583182dc7",
        "https://raw.githubusercontent.com/InductiveStep/colm-test/1c74adc233aa8dc96a6ce94a0bceefe1d4c0e1c1/HoC-GE2024-results-by-candidate.csv",
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
