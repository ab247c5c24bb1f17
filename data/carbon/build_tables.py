#!/usr/bin/env python3
"""Rebuild the grid-intensity tables in data/carbon/ from the upstream files.

    python3 data/carbon/build_tables.py /work/shared/data [OUT_DIR]

Standard library only. Every unit conversion, fixed row and dropped row is in this file (and
listed in data/README.md), so the tables can be reviewed against their sources. The output is
deterministic: running it twice gives byte-identical files.
"""

import csv
import json
import sys
from pathlib import Path

COLUMNS = ["code", "aliases", "name", "gCO2e_per_kWh", "year", "method", "source", "licence"]
CLOUD_COLUMNS = ["code", "name", "location", "gCO2e_per_kWh", "year", "method", "source",
                 "licence"]

OWID_SOURCE = ("Ember and Energy Institute via Our World in Data (carbon_intensity_elec), "
               "as packaged in CodeCarbon global_energy_mix.json")
OWID_LICENCE = "CC-BY-4.0 (Our World in Data); MIT (CodeCarbon)"
GA_LICENCE = "CC-BY-4.0 (Green Algorithms v3.0, Lannelongue et al.)"
GOOGLE_SOURCE = "Google Cloud region-carbon-info data/yearly/2024.csv"
GOOGLE_LICENCE = "Apache-2.0 (Google LLC)"

# Plausibility bounds for a whole-grid average. No generation technology has lifecycle
# emissions above ~1100 gCO2e/kWh (IPCC AR5 Annex III: coal up to ~1000), and a real grid
# always emits something over its lifecycle, so 0 is an artefact of a zero-fossil rounding.
MIN_PLAUSIBLE_G_PER_KWH = 0.0  # exclusive
MAX_PLAUSIBLE_G_PER_KWH = 1100.0
# Below this annual generation the intensity is a ratio of two-decimal TWh figures
# (e.g. 0.01 / 0.01 -> exactly 1000): rounding noise, not data.
MIN_TOTAL_TWH = 0.05

# ISO 3166-1 alpha-3 -> alpha-2 for countries missing from (or mangled in) the Eco2AI code list.
# Namibia's "NA" was read as a missing value upstream (pandas) and written as an empty cell.
ALPHA2_FIXES = {"BMU": "BM", "ESH": "EH", "GIB": "GI", "SHN": "SH", "TLS": "TL", "NAM": "NA"}

# Green Algorithms sub-national code fixes: Manitoba is CA-MB in ISO 3166-2 (upstream CA-MT).
SUBNATIONAL_CODE_FIXES = {"CA-MT": "CA-MB"}
SUBNATIONAL_NAME_FIXES = {"Mississip": "Mississippi"}
SUBNATIONAL_PREFIXES = ("US-", "CA-", "AU-")

# Green Algorithms cloud-location codes that are not in our tables, mapped to ISO 3166-1.
LOCATION_FIXES = {"CN-HK": "HK"}
# Azure regions whose upstream row needs a fix: a typo in the name, and a missing location.
AZURE_NAME_FIXES = {"Germany Northeastt (Sovereign)": "Germany Northeast (Sovereign)"}
AZURE_LOCATION_FIXES = {"Qatar Central": "QA"}  # Doha (upstream location empty)

# AWS publishes no per-region intensity: each region is mapped to where it is (AWS region
# table: https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html).
AWS_REGIONS = [
    ("af-south-1", "Cape Town", "ZA"),
    ("ap-east-1", "Hong Kong", "HK"),
    ("ap-northeast-1", "Tokyo", "JP"),
    ("ap-northeast-2", "Seoul", "KR"),
    ("ap-northeast-3", "Osaka", "JP"),
    ("ap-south-1", "Mumbai", "IN"),
    ("ap-south-2", "Hyderabad", "IN"),
    ("ap-southeast-1", "Singapore", "SG"),
    ("ap-southeast-2", "Sydney", "AU-NSW"),
    ("ap-southeast-3", "Jakarta", "ID"),
    ("ap-southeast-4", "Melbourne", "AU-VIC"),
    ("ca-central-1", "Montreal", "CA-QC"),
    ("ca-west-1", "Calgary", "CA-AB"),
    ("eu-central-1", "Frankfurt", "DE"),
    ("eu-central-2", "Zurich", "CH"),
    ("eu-north-1", "Stockholm", "SE"),
    ("eu-south-1", "Milan", "IT"),
    ("eu-south-2", "Aragon", "ES"),
    ("eu-west-1", "Ireland", "IE"),
    ("eu-west-2", "London", "GB"),
    ("eu-west-3", "Paris", "FR"),
    ("il-central-1", "Tel Aviv", "IL"),
    ("me-central-1", "UAE", "AE"),
    ("me-south-1", "Bahrain", "BH"),
    ("sa-east-1", "Sao Paulo", "BR"),
    ("us-east-1", "N. Virginia", "US-VA"),
    ("us-east-2", "Ohio", "US-OH"),
    ("us-gov-east-1", "GovCloud (US-East), Ohio", "US-OH"),
    ("us-gov-west-1", "GovCloud (US-West), Oregon", "US-OR"),
    ("us-west-1", "N. California", "US-CA"),
    ("us-west-2", "Oregon", "US-OR"),
]


def fmt_number(x):
    """Shortest text that round-trips, without exponent noise for table values."""
    return f"{float(x):.6g}"


def read_alpha2(data):
    alpha2 = {}
    with open(data / "eco2ai__carbon_index.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["region"] == "Whole country" and row["alpha_2_code"]:
                alpha2[row["alpha_3_code"]] = row["alpha_2_code"]
    alpha2.update(ALPHA2_FIXES)
    return alpha2


def build_countries(data, report):
    alpha2 = read_alpha2(data)
    with open(data / "codecarbon__global_energy_mix.json", encoding="utf-8") as f:
        mix = json.load(f)
    rows = []
    for alpha3, entry in sorted(mix.items()):
        g = float(entry["carbon_intensity"])
        name = entry["country_name"]
        if entry["total_TWh"] < MIN_TOTAL_TWH:
            report.append(f"countries: dropped {alpha3} ({name}): {g:g} g/kWh from "
                          f"{entry['total_TWh']:g} TWh, below {MIN_TOTAL_TWH} TWh")
            continue
        if not MIN_PLAUSIBLE_G_PER_KWH < g <= MAX_PLAUSIBLE_G_PER_KWH:
            report.append(f"countries: dropped {alpha3} ({name}): {g:g} g/kWh is implausible")
            continue
        rows.append({
            "code": alpha2[alpha3],
            "aliases": alpha3,
            "name": name,
            "gCO2e_per_kWh": fmt_number(g),
            "year": entry["year"],
            "method": "lifecycle",
            "source": OWID_SOURCE,
            "licence": OWID_LICENCE,
        })
    return rows


def data_year(source_text):
    # "... (data from 2020 published in 2022)" / "(data from 2019 ...)"
    marker = "data from "
    at = source_text.find(marker)
    if at < 0:
        raise ValueError(f"no data year in {source_text!r}")
    return int(source_text[at + len(marker):at + len(marker) + 4])


def read_green_algorithms_ci(data):
    with open(data / "greenalgorithms_v3.0__CI_aggregated.csv", newline="",
              encoding="utf-8") as f:
        next(f)  # units line
        return list(csv.DictReader(f))


def build_subnational(data, report):
    rows = []
    for row in read_green_algorithms_ci(data):
        code = row["location"]
        if row["Type"] == "World":
            rows.append({
                "code": "WORLD", "aliases": "", "name": "World average",
                "gCO2e_per_kWh": fmt_number(row["carbonIntensity"]), "year": 2019,
                "method": "direct",
                "source": "IEA Global Energy & CO2 Status Report 2019, via Green Algorithms "
                          "v3.0 CI_aggregated.csv",
                "licence": GA_LICENCE,
            })
            continue
        if not code.startswith(SUBNATIONAL_PREFIXES) or row["Type"] != "Region":
            continue
        aliases = ""
        if code in SUBNATIONAL_CODE_FIXES:
            report.append(f"subnational: code {code} -> {SUBNATIONAL_CODE_FIXES[code]} "
                          "(ISO 3166-2); old code kept as alias")
            aliases = code
            code = SUBNATIONAL_CODE_FIXES[code]
        name = row["regionName"]
        if name in SUBNATIONAL_NAME_FIXES:
            report.append(f"subnational: name {name!r} -> {SUBNATIONAL_NAME_FIXES[name]!r}")
            name = SUBNATIONAL_NAME_FIXES[name]
        rows.append({
            "code": code,
            "aliases": aliases,
            "name": f"{name}, {row['countryName']}",
            "gCO2e_per_kWh": fmt_number(row["carbonIntensity"]),
            "year": data_year(row["source"]),
            "method": "direct",
            "source": f"Green Algorithms v3.0 CI_aggregated.csv: {row['source']}",
            "licence": GA_LICENCE,
        })
    return sorted(rows, key=lambda r: r["code"])


def build_cloud(data, report):
    rows = []
    with open(data / "google_region_carbon__2024.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows.append({
                "code": f"gcp:{row['Google Cloud Region']}",
                "name": f"Google Cloud {row['Location']}",
                "location": "",
                "gCO2e_per_kWh": fmt_number(row["Grid carbon intensity (gCO2eq / kWh)"]),
                "year": 2024,
                "method": "lifecycle",
                "source": GOOGLE_SOURCE,
                "licence": GOOGLE_LICENCE,
            })
    with open(data / "greenalgorithms_v3.0__cloudProviders_datacenters.csv", newline="",
              encoding="utf-8") as f:
        next(f)  # comment line
        for row in csv.DictReader(f):
            if row["provider"] != "azure":
                continue  # GCP comes from Google's own figures above
            name = AZURE_NAME_FIXES.get(row["Name"], row["Name"])
            location = AZURE_LOCATION_FIXES.get(name, row["location"])
            if name != row["Name"] or location != row["location"]:
                report.append(f"cloud: azure {row['Name']!r} -> {name!r} at {location!r}")
            location = LOCATION_FIXES.get(location, location)
            region = name.split(" (")[0].replace(" ", "").lower()
            rows.append({
                "code": f"azure:{region}", "name": f"Azure {name}", "location": location,
                "gCO2e_per_kWh": "", "year": "", "method": "",
                "source": "region location: Green Algorithms v3.0 "
                          "cloudProviders_datacenters.csv",
                "licence": GA_LICENCE,
            })
    for region, city, location in AWS_REGIONS:
        rows.append({
            "code": f"aws:{region}", "name": f"AWS {city}", "location": location,
            "gCO2e_per_kWh": "", "year": "", "method": "",
            "source": "region location: AWS region list (fact)", "licence": "",
        })
    seen = set()
    unique = []
    for row in rows:
        if row["code"] in seen:
            # Azure lists Germany Central (Sovereign) and Germany West Central (Public) apart,
            # but both sit in Frankfurt: the same code after dropping the qualifier.
            report.append(f"cloud: dropped duplicate {row['code']}")
            continue
        seen.add(row["code"])
        unique.append(row)
    return sorted(unique, key=lambda r: r["code"])


def write_table(path, columns, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    data = Path(argv[1])
    out = Path(argv[2]) if len(argv) == 3 else Path(__file__).resolve().parent
    report = []
    countries = build_countries(data, report)
    subnational = build_subnational(data, report)
    cloud = build_cloud(data, report)

    known = {r["code"] for r in countries + subnational}
    for row in cloud:
        if row["location"] and row["location"] not in known:
            raise SystemExit(f"{row['code']}: location {row['location']} is in no table")

    write_table(out / "countries.csv", COLUMNS, countries)
    write_table(out / "subnational.csv", COLUMNS, subnational)
    write_table(out / "cloud_regions.csv", CLOUD_COLUMNS, cloud)
    for line in report:
        print(line)
    print(f"countries.csv: {len(countries)} rows; subnational.csv: {len(subnational)} rows; "
          f"cloud_regions.csv: {len(cloud)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
