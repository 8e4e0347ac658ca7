#!/usr/bin/env node
/*
 * One-off generator for src/catalogue/nq24-catalogue.json and sample-laichau.json.
 * It reads the seed's appendix tables (test/fixtures/seed-appendices.txt) so that the
 * original labels and the Lai Châu values are copied mechanically, never retyped; the
 * editorial part (structure, English, units, kinds, links) is the META table below,
 * keyed by the row's position in the seed. Run once; the JSON files are the product.
 */
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const seedFile = path.join(root, "test", "fixtures", "seed-appendices.txt");

function readSeed() {
  const lines = fs.readFileSync(seedFile, "utf8").split(/\r?\n/);
  const rows = [];
  let appendix = null;
  let cur = [];
  const flush = () => {
    if (cur.length && appendix) rows.push({ appendix, cells: cur });
    cur = [];
  };
  for (const line of lines) {
    if (/^Phụ lục 1\s*$/.test(line)) { flush(); appendix = "PL1"; continue; }
    if (/^Phụ lục 2\s*$/.test(line)) { flush(); appendix = "PL2"; continue; }
    if (line.startsWith("\t")) cur.push(line.slice(1));
    else flush();
  }
  flush();
  return rows.filter((r) => (r.cells[0] || "").trim() !== "STT");
}

// Typing slips of the seed and their corrections (applied to labelVi only).
const SLIPS = [
  ["Nhị quyết", "Nghị quyết"],
  ["kiển thức", "kiến thức"],
  ["Lình vực", "Lĩnh vực"],
  ["sử ụng", "sử dụng"],
  ["bện viện", "bệnh viện"],
  ["tô chức", "tổ chức"],
  ["khí nhà kinh", "khí nhà kính"],
  ["các ùng bị", "các vùng bị"],
  ["thiện tai", "thiên tai"],
  ["tìm kiểm", "tìm kiếm"],
  ["xa taxi", "xe taxi"],
  ["công ngiệp", "công nghiệp"],
  ["sạt nở", "sạt lở"],
  ["mùa vụ,,", "mùa vụ,"],
  ["tiêu tiêu chí", "tiêu chí"],
  ["QĐ-TTG", "QĐ-TTg"],
  ["- bảo vệ khoáng", "- Bảo vệ khoáng"],
  ["- tỷ lệ chất thải", "- Tỷ lệ chất thải"],
];
function correct(s) {
  let out = s;
  for (const [a, b] of SLIPS) out = out.split(a).join(b);
  return out.replace(/ {2,}/g, " ");
}

// [kind-or-H, parentSeedIndex|null, English, unit, kind, direction]
// Headings: ["H", parent, en]. Indicators: ["I", parent|null (null = nearest heading above), en, unit, kind, dir]
const H = (parent, en) => ({ t: "H", parent, en });
const I = (en, unit, kind, dir, parent = null, extra = {}) => ({ t: "I", parent, en, unit, kind, dir, ...extra });
const PCT = (en, dir = "higher", parent = null, extra = {}) => I(en, "%", "percent", dir, parent, extra);

const META = [
  /* 0 */ H(null, "Responding to climate change"),
  /* 1 */ H(0, "Gradually reduce loss of life and property caused by natural disasters"),
  /* 2 */ I("- Number of people dead or missing", "người", "count", "lower"),
  /* 3 */ I("- Estimated total damage to people and property", "triệu đồng", "money", "lower", null, { aliases: ["Tổng thiệt hại do thiên tai"] }),
  /* 4 */ H(0, "Proactively prevent, combat and limit the impact of flooding"),
  /* 5 */ I("- Waterlogging spots dealt with / total waterlogging spots", "điểm", "countOfTotal", "higher"),
  /* 6 */ I("- Number of new waterlogging spots", "điểm", "count", "lower"),
  /* 7 */ H(null, "Natural resource management"),
  /* 8 */ H(7, "Assess the potential and value of important natural resources on land"),
  /* 9 */ H(8, "Land resources"),
  /* 10 */ PCT("Share of land area surveyed and assessed for soil quality and land potential"),
  /* 11 */ H(7, "Use ecosystems, landscapes and biological resources efficiently and sustainably"),
  /* 12 */ I("- Area / share of forest area certified for sustainable forest management", "ha", "area", "higher"),
  /* 13 */ I("- Total revenue from payments for forest environmental services", "triệu đồng", "money", "higher"),
  /* 14 */ I("- Volume of timber harvested from natural forests", "m³", "count", "lower"),
  /* 15 */ H(7, "Minimise exports of raw minerals"),
  /* 16 */ PCT("Share / volume of raw minerals exported out of all minerals extracted", "lower"),
  /* 17 */ H(null, "Environmental protection"),
  /* 18 */ H(17, "Prevent new seriously polluting facilities and deal thoroughly with existing ones"),
  /* 19 */ PCT("- Share of seriously polluting facilities under Decision 64/QĐ-TTg that have been dealt with"),
  /* 20 */ PCT("- Share of seriously polluting facilities under Decision 1788/QĐ-TTg that have been dealt with"),
  /* 21 */ I("- Number of new seriously polluting facilities in the locality", "cơ sở", "count", "lower"),
  // 22–30 are the resolution's stand-alone 2020 targets: they sit directly under section C,
  // not under the "seriously polluting facilities" group (no leading dash in the seed).
  /* 22 */ PCT("Share of operating industrial zones and export processing zones with a centralised wastewater treatment system", "higher", 17, { target: [">=", 100] }),
  /* 23 */ PCT("Share of urban wastewater collected and treated to technical standards and regulations before discharge", "higher", 17, { target: [">=", 30] }),
  /* 24 */ PCT("Share of urban domestic solid waste collected and treated (%)", "higher", 17, { target: [">=", 90] }),
  /* 25 */ PCT("Share of hazardous waste destroyed or treated (%)", "higher", 17, { target: [">", 85] }),
  /* 26 */ PCT("Share of medical waste treated (%)", "higher", 17, { target: [">=", 100] }),
  /* 27 */ PCT("Share of urban domestic solid waste disposed of by direct landfill, out of all waste collected (%)", "lower", 17, { target: ["<", 30] }),
  /* 28 */ PCT("Share of urban residents with access to clean water (%)", "higher", 17, { aliases: ["Tỷ lệ dân số đô thị được sử dụng nước sạch"] }),
  /* 29 */ PCT("Share of rural residents using hygienic domestic water (%)", "higher", 17, { aliases: ["Tỷ lệ dân số nông thôn được sử dụng nước sinh hoạt hợp vệ sinh"] }),
  /* 30 */ PCT("Share of land contaminated by residual pesticides that has been treated, remediated or restored (%)", "higher", 17),
  /* 31 */ H(17, "Improve air quality in urban and densely populated areas"),
  /* 32 */ PCT("- Share of days with dust concentrations above the permitted standard in large cities", "lower"),
  /* 33 */ I("- Green space area per person in urban and residential areas (m²/person)", "m²/người", "area", "higher"),
  /* 34 */ PCT("- Share of public buses using clean fuel"),
  /* 35 */ PCT("- Public passenger transport's share of total travel demand in urban areas"),
  /* 36 */ H(17, "Markedly improve the environment of craft villages and rural areas"),
  /* 37 */ PCT("- Share of recognised craft villages fully meeting environmental protection requirements"),
  /* 38 */ PCT("- Share of seriously polluted craft villages dealt with"),
  /* 39 */ PCT("- Share of communes meeting the environmental sanitation standard of the new rural development criteria (%)"),
  /* 40 */ H(17, "Manage exploitation rationally and end logging of natural forests soon"),
  /* 41 */ I("- Area of nature reserves", "ha", "area", "higher"),
  /* 42 */ PCT("- Forest cover (%)", "higher", null, { aliases: ["Tỷ lệ che phủ rừng", "Độ che phủ rừng"] }),

  // ------------------------------------------------------------------ Phụ lục 2
  /* 43 */ H(null, "General tasks"),
  /* 44 */ H(43, "Pilot models of green economy, green industry, green cities and green countryside"),
  /* 45 */ I("- Number and types of green economy models implemented", "mô hình", "countDescription", "higher"),
  /* 46 */ I("- Number and types of green industry models implemented", "mô hình", "countDescription", "higher"),
  /* 47 */ I("- Number and types of green city and green building models implemented", "mô hình", "countDescription", "higher"),
  /* 48 */ I("- Number and types of green countryside and model rural area models implemented", "mô hình", "countDescription", "higher"),
  /* 49 */ H(null, "Specific tasks"),
  /* 50 */ H(49, "Responding to climate change (CC)"),
  /* 51 */ H(50, "Adapt crop and livestock structure and varieties, crop seasons and farming techniques to climate change"),
  /* 52 */ I("- Number of new crop varieties researched and applied locally to respond to climate change impacts", "giống", "count", "higher"),
  /* 53 */ I("- Number of new livestock breeds researched and applied locally to respond to climate change impacts", "giống", "count", "higher"),
  /* 54 */ I("- Number and types of technical measures applied in farming to adapt to climate change", "biện pháp", "countDescription", "higher"),
  /* 55 */ H(50, "Strengthen knowledge and adaptive capacity and secure livelihoods for people in areas at risk of severe climate change impacts and frequent natural disasters"),
  /* 56 */ PCT("- Share of people in high-risk areas trained to understand adaptation to climate change and natural disasters"),
  /* 57 */ I("- Number of climate-adapted livelihood models built in disaster-prone areas", "mô hình", "count", "higher"),
  /* 58 */ I("- Number of communication programmes held on climate change and disaster prevention", "chương trình", "count", "higher"),
  /* 59 */ H(50, "Improve search, rescue and relief capacity and epidemic prevention. Focus on health care for people in areas strongly affected by climate change. Promote the responsibility of businesses and mobilise them and communities to take an active part in preventing and mitigating natural disasters and responding to climate change"),
  /* 60 */ I("- Number of training sessions to improve search, rescue and relief capacity", "đợt", "count", "higher"),
  /* 61 */ I("- Number of programmes carried out to prevent disease outbreaks caused by natural disasters", "chương trình", "count", "higher"),
  /* 62 */ I("- Health care programmes for people in areas strongly affected by climate change", "chương trình", "countDescription", "higher"),
  /* 63 */ I("- Number and types of community models for disaster prevention and mitigation and climate change response", "mô hình", "countDescription", "higher"),
  /* 64 */ H(50, "Carry out the programme to upgrade reservoirs and ensure their safety"),
  /* 65 */ I("- Number and share (%) of reservoirs upgraded or renovated for safety", "hồ", "countOfTotal", "higher"),
  /* 66 */ H(50, "Upgrade vulnerable river dyke sections"),
  /* 67 */ I("- Length (km) and share (%) of vulnerable river dykes upgraded", "km", "count", "higher"),
  /* 68 */ H(50, "Protect, restore and plant upstream protection forests"),
  /* 69 */ I("- Area of upstream protection forest", "ha", "area", "higher"),
  /* 70 */ H(50, "Reinforce and build new urban water supply and drainage works"),
  /* 71 */ PCT("- Service coverage of the urban drainage system"),
  /* 72 */ PCT("- Service coverage of urban stormwater drainage systems matching ground elevation and surface drainage"),
  /* 73 */ H(50, "Step up measures to prevent, combat and limit the impact of flooding"),
  /* 74 */ H(73, "Proactively relocate and rearrange settlements in areas often hit by floods and storms and in areas at risk of flash floods and landslides"),
  /* 75 */ I("- Share and number of households relocated, rearranged and resettled under programme 1776/QĐ-TTg of 21/11/2012", "hộ", "countOfTotal", "higher"),
  /* 76 */ H(50, "Mitigate greenhouse gas emissions; protect and develop natural ecosystems and increase greenhouse gas absorption"),
  /* 77 */ H(76, "Survey, inventory and draw up roadmaps and plans for greenhouse gas mitigation suited to each sector, field and locality"),
  /* 78 */ I("- Has the province/city updated its climate change action plan?", "", "yesno", "higher"),
  /* 79 */ I("- Has the province/city drawn up a green growth plan?", "", "yesno", "higher"),
  /* 80 */ I("- Has the province/city drawn up a plan to implement the Paris Agreement?", "", "yesno", "higher"),
  /* 81 */ H(76, "Promote greenhouse gas mitigation suited to Vietnam's conditions, with financial and technological support from other countries and international organisations"),
  /* 82 */ H(81, "Agriculture"),
  /* 83 */ H(82, "- Crop production"),
  /* 84 */ I("+ Number and types of greenhouse gas mitigation activities/projects applied in crop production (farming techniques, straw treatment, fertiliser, crop conversion…)", "hoạt động", "countDescription", "higher"),
  /* 85 */ H(82, "- Livestock"),
  /* 86 */ I("+ Number and types of greenhouse gas mitigation activities/projects applied in livestock farming (changed feed rations, nutrient blocks for dairy cows, biogas digesters built…)", "hoạt động", "countDescription", "higher"),
  /* 87 */ H(81, "Energy and construction"),
  /* 88 */ I("+ Number and types of greenhouse gas mitigation activities/projects applied in the energy sector", "hoạt động", "countDescription", "higher"),
  /* 89 */ I("+ Number and types of greenhouse gas mitigation activities/projects applied in the construction sector", "hoạt động", "countDescription", "higher"),
  /* 90 */ H(81, "Industry"),
  /* 91 */ I("- Number and types of greenhouse gas mitigation measures applied in the industrial sector", "biện pháp", "countDescription", "higher"),
  /* 92 */ PCT("- Share of industrial production facilities applying cleaner production and saving energy, raw materials, fuels and materials"),
  /* 93 */ I("- Number and types of greenhouse gas mitigation measures applied in industry", "biện pháp", "countDescription", "higher"),
  /* 94 */ H(81, "Transport"),
  /* 95 */ PCT("- Share of buses and taxis running on compressed natural gas, liquefied gas or solar power"),
  /* 96 */ PCT("- Share of travel demand in large cities met by public passenger transport"),
  /* 97 */ H(76, "Give priority to reducing greenhouse gas emissions by fighting deforestation and forest degradation and creating livelihoods for communities"),
  /* 98 */ I("- Area under high-yield and large-timber forest business models", "ha", "area", "higher"),
  /* 99 */ I("- Area and models of sustainable natural forest management, forest protection, conservation and restoration", "ha", "area", "higher"),
  /* 100 */ I("- Area with forest certification or sustainable forest management certification", "ha", "area", "higher"),
  /* 101 */ H(50, "Urgent tasks under Conclusion 56-KL/TW"),
  /* 102 */ I("- Number and share of riverbank landslide sites dealt with", "điểm", "countOfTotal", "higher"),
  /* 103 */ PCT("- Share of households relocated out of areas at risk of riverbank erosion, landslides, flash floods and other natural hazards"),
  /* 104 */ I("- Number of irrigation works built to improve irrigation and drainage in areas often hit by drought or severe waterlogging", "công trình", "count", "higher"),
  /* 105 */ H(49, "Natural resource management"),
  /* 106 */ H(105, "Step up surveys and assessments of the potential reserves, economic value, current state and trends of national resources"),
  /* 107 */ H(106, "Give weight to baseline surveys of natural resources"),
  /* 108 */ H(107, "Land resources"),
  /* 109 */ PCT("- Share of land area surveyed and assessed for soil quality and land potential"),
  /* 110 */ PCT("- Share of land area measured and mapped on cadastral maps", "higher", null, { aliases: ["Tỷ lệ diện tích đo đạc bản đồ địa chính"] }),
  /* 111 */ PCT("- Share of land area granted a first-time land use certificate"),
  /* 112 */ H(105, "Plan, manage, exploit and use national resources rationally, efficiently and sustainably"),
  /* 113 */ H(112, "Build strategies to protect, exploit and use the resources important to the country's development. Minimise and gradually end exports of raw minerals and promote deep processing. Set directions for stockpiling and importing important minerals to meet the country's long-term socio-economic needs"),
  /* 114 */ H(113, "Mineral resources"),
  /* 115 */ H(114, "- Protection of unexploited minerals"),
  /* 116 */ I("+ Number of illegal or unlicensed mining projects/mines", "dự án", "count", "lower"),
  /* 117 */ I("+ Number of administrative penalties imposed in the mineral sector", "lượt", "count", "lower"),
  /* 118 */ I("+ Amount of administrative fines for illegal or unlicensed mining", "triệu đồng", "money", "lower"),
  /* 119 */ I("+ Number of organisations/individuals inspected", "tổ chức/cá nhân", "count", "neutral"),
  /* 120 */ H(113, "Forest resources"),
  /* 121 */ I("- Total forestry land area", "ha", "area", "higher"),
  /* 122 */ I("- Forest area and forest cover", "ha", "area", "higher", null, { aliases: ["Diện tích rừng và tỷ lệ che phủ rừng"] }),
  /* 123 */ I("- Number and area of existing special-use forests", "ha", "area", "higher"),
  /* 124 */ H(112, "Reform land use planning; build a land database. Promote economical, rational and efficient land use; step up use of unused land. Protect against and combat land degradation and desertification"),
  /* 125 */ H(124, "Promote economical, rational and efficient land use"),
  /* 126 */ PCT("- Share of projects allocated land that are slow to put it into use", "lower"),
  /* 127 */ PCT("- Share of land area allocated to projects that is slow to be put into use", "lower"),
  /* 128 */ I("- Total financial revenue from land", "triệu đồng", "money", "higher"),
  /* 129 */ I("- Number of operating industrial zones", "khu", "count", "neutral"),
  /* 130 */ I("- Total land area of operating industrial zones", "ha", "area", "neutral"),
  /* 131 */ PCT("- Occupancy rate of operating industrial zones"),
  /* 132 */ I("- Number of operating industrial clusters", "cụm", "count", "neutral"),
  /* 133 */ I("- Total land area of operating industrial clusters", "ha", "area", "neutral"),
  /* 134 */ PCT("- Occupancy rate of operating industrial clusters"),
  /* 135 */ I("- Average income per hectare of farmland", "triệu đồng/ha", "money", "higher"),
  /* 136 */ H(124, "Protect both the area and the fertility of farmland"),
  /* 137 */ I("- Agricultural land converted to non-agricultural use", "ha", "area", "lower"),
  /* 138 */ PCT("- Share of highly fertile land in total cultivated farmland"),
  /* 139 */ H(124, "Gradually overcome fragmented, small-scale land use"),
  /* 140 */ I("- Number of agricultural land plots", "thửa", "count", "lower"),
  /* 141 */ I("- Average area per agricultural land plot", "ha", "area", "higher"),
  /* 142 */ I("- Number of farms", "trang trại", "count", "higher"),
  /* 143 */ I("- Average area per farm", "ha", "area", "higher"),
  /* 144 */ I("- Number of agricultural enterprises", "doanh nghiệp", "count", "higher"),
  /* 145 */ I("- Average area per agricultural enterprise", "ha", "area", "higher"),
  /* 146 */ I("- Number of large-scale model fields", "cánh đồng", "count", "higher"),
  /* 147 */ I("- Average area per large-scale model field", "ha", "area", "higher"),
  /* 148 */ I("- Average income per large-scale model field", "triệu đồng", "money", "higher"),
  /* 149 */ H(124, "Step up the use of unused land"),
  /* 150 */ I("- Area of unused land brought into use for any purpose", "ha", "area", "higher"),
  /* 151 */ H(124, "Protect against and combat land abandonment and desertification"),
  /* 152 */ I("- Area and share (%) of land abandoned or desertified", "ha", "area", "lower"),
  /* 153 */ I("- Area of degraded land", "ha", "area", "lower"),
  /* 154 */ H(112, "Manage, exploit and use water resources rationally, efficiently and sustainably"),
  /* 155 */ I("- Number of water-saving farming models implemented locally", "mô hình", "count", "higher"),
  /* 156 */ PCT("- Share of cultivated area under water-saving irrigation (drip, sprinkler)"),
  /* 157 */ PCT("- Water loss rate of irrigation systems in irrigation works", "lower"),
  /* 158 */ PCT("- Share of industrial facilities applying water-saving solutions in production"),
  /* 159 */ PCT("- Urban clean water loss rate", "lower"),
  /* 160 */ H(112, "Promote the development and use of new and renewable energy and of new materials, fuels and raw materials replacing traditional resources"),
  /* 161 */ H(160, "- Hydropower"),
  /* 162 */ I("+ Total number of hydropower projects", "dự án", "count", "neutral"),
  /* 163 */ I("+ Total registered capacity", "MW", "count", "neutral"),
  /* 164 */ I("+ Total number of projects in operation", "dự án", "count", "neutral"),
  /* 165 */ I("+ Total actual generating capacity", "MW", "count", "neutral"),
  /* 166 */ H(160, "- Wind power"),
  /* 167 */ I("+ Total number of projects and total registered capacity", "MW", "countDescription", "higher"),
  /* 168 */ I("+ Total number and total capacity of projects in operation", "MW", "countDescription", "higher"),
  /* 169 */ H(160, "- Solar power"),
  /* 170 */ I("+ Total number of projects and total registered capacity", "MW", "countDescription", "higher"),
  /* 171 */ I("+ Total number and total capacity of projects in operation", "MW", "countDescription", "higher"),
  /* 172 */ H(160, "- Biomass power"),
  /* 173 */ I("+ Total number of projects and total registered capacity", "MW", "countDescription", "higher"),
  /* 174 */ I("+ Total number and total capacity of projects in operation", "MW", "countDescription", "higher"),
  /* 175 */ H(49, "Environmental protection"),
  /* 176 */ H(175, "Preventing and controlling sources of environmental pollution"),
  /* 177 */ H(176, "Make environmental impact assessment more effective"),
  /* 178 */ I("- Number and share (%) of environmental impact assessment (EIA) reports approved, by year", "báo cáo", "countOfTotal", "neutral"),
  /* 179 */ I("- Number and share (%) of projects inspected and confirmed to comply with their EIA report before being allowed to operate", "dự án", "countOfTotal", "higher"),
  /* 180 */ I("- Number and share (%) of facilities strictly honouring their EIA commitments, by year", "cơ sở", "countOfTotal", "higher"),
  /* 181 */ H(176, "Strengthen environmental pollution control"),
  /* 182 */ PCT("- Share of industrial zones, export processing zones and high-tech parks with a compliant centralised wastewater treatment system"),
  /* 183 */ PCT("- Share of industrial clusters with a centralised wastewater treatment system operating to requirements"),
  /* 184 */ PCT("- Share of urban domestic wastewater collected and treated to national technical regulations"),
  /* 185 */ H(176, "Control air quality in densely populated urban areas and cities"),
  /* 186 */ I("- Number of automatic air quality monitoring stations in densely populated urban areas and cities", "trạm", "count", "higher"),
  /* 187 */ PCT("- Share of days in the year with air pollutant concentrations above the permitted limits", "lower"),
  /* 188 */ H(176, "Control pollution from agriculture"),
  /* 189 */ PCT("- Share of sites polluted by residual pesticides dealt with under Decision 1946/QĐ-TTg of 21/10/2010"),
  /* 190 */ PCT("- Share (%) of communes meeting the environment and food safety criterion"),
  /* 191 */ PCT("- Share (%) of communes meeting the new rural development criteria"),
  /* 192 */ I("- Chemical fertiliser used per hectare of farmland, by year", "kg/ha", "count", "lower"),
  /* 193 */ I("- Pesticide used per hectare of farmland", "kg/ha", "count", "lower"),
  /* 194 */ H(176, "Stop outdated technology, machinery, equipment, raw materials and fuels that fail environmental requirements from being brought into the country"),
  /* 195 */ I("- Number and share (%) of investment projects rejected for outdated technology or machinery failing environmental requirements", "dự án", "countOfTotal", "neutral"),
  /* 196 */ PCT("- Share (%) of businesses with advanced technology"),
  /* 197 */ H(176, "Step up programmes and investment projects for wastewater treatment"),
  /* 198 */ PCT("- Share of hospitals with a compliant wastewater treatment system"),
  /* 199 */ H(176, "Focus on treating solid waste and managing hazardous waste. Promote reuse, recycling and energy recovery from waste"),
  /* 200 */ PCT("- Share of urban solid waste collected"),
  /* 201 */ PCT("- Share of domestic solid waste treated to environmental protection requirements"),
  /* 202 */ PCT("- Share of solid waste landfills that are sanitary"),
  /* 203 */ PCT("- Share of hazardous waste collected and treated to environmental requirements"),
  /* 204 */ PCT("- Share of medical waste collected and treated"),
  /* 205 */ PCT("- Share of rural solid waste treated"),
  /* 206 */ PCT("- Share of collected urban domestic solid waste that is recycled, reused, used for energy recovery or composted"),
  /* 207 */ H(176, "Develop the environmental economy based on the environmental industry, environmental services and waste recycling"),
  /* 208 */ I("- Number of environmental service companies collecting and treating waste locally", "doanh nghiệp", "count", "higher"),
  /* 209 */ H(176, "Mobilise society for environmental protection; promote new, clean and renewable energy and sustainable production and consumption"),
  /* 210 */ I("- Number and share of non-state companies collecting and treating solid waste", "doanh nghiệp", "count", "higher"),
  /* 211 */ I("- Number and share of non-state companies investing in or producing renewable energy", "doanh nghiệp", "count", "higher"),
  /* 212 */ H(175, "Remedying pollution, improving environmental quality and people's living conditions, and limiting the health impact of pollution"),
  /* 213 */ H(212, "Improve the living environment and provide clean water and sanitation services to the people"),
  /* 214 */ PCT("- Share of the urban population with access to clean water", "higher", null, { aliases: ["Tỷ lệ dân cư thành thị được sử dụng nước sạch"] }),
  /* 215 */ PCT("- Share of the rural population using hygienic domestic water", "higher", null, { aliases: ["Tỷ lệ dân cư nông thôn được sử dụng nước sinh hoạt hợp vệ sinh"] }),
  /* 216 */ PCT("- Share of rural households using hygienic latrines"),
  /* 217 */ H(212, "Deal thoroughly and conclusively with seriously polluting facilities"),
  /* 218 */ I("- Number of seriously polluting facilities under Decision 64/QĐ-TTg dealt with", "cơ sở", "count", "higher"),
  /* 219 */ I("- Number of seriously polluting facilities under Decision 1788/QĐ-TTg dealt with", "cơ sở", "count", "higher"),
  /* 220 */ I("- Number of new seriously polluting facilities", "cơ sở", "count", "lower"),
  /* 221 */ H(212, "Focus on restoring heavily polluted ponds, lakes, canals, ditches and river and stream sections, upstream ones first"),
  /* 222 */ PCT("- Share of polluted urban pond, lake, canal and river surface area restored"),
  /* 223 */ H(212, "Strictly apply environmental restoration measures after mining"),
  /* 224 */ I("- Number and share of mining projects that have made the required environmental restoration deposit", "dự án", "countOfTotal", "higher"),
  /* 225 */ I("- Number and share of mining projects that have restored the environment after mining", "dự án", "countOfTotal", "higher"),
  /* 226 */ H(212, "Focus on improving air quality, greenery and recreation spaces in cities and residential areas, above all in large cities"),
  /* 227 */ I("- Green space area per person in urban and residential areas", "m²/người", "area", "higher"),
  /* 228 */ PCT("- Share of public buses using clean fuel"),
  /* 229 */ PCT("- Public passenger transport's share of total travel demand in urban areas"),
  /* 230 */ H(175, "Protecting and developing forests, conserving nature and biodiversity"),
  /* 231 */ H(230, "Strictly protect wild animals, valuable crop varieties, medicinal plants and livestock breeds, and rare species at risk of extinction. Stop the invasion and spread of invasive alien species. Strengthen management of risks from genetically modified organisms."),
  /* 232 */ I("Number of seizures of illegally traded wild animals", "vụ", "count", "neutral"),
  /* 233 */ I("Number of illegally traded wild animals seized (head)", "con", "count", "neutral"),
  /* 234 */ I("Number of invasive alien species (species)", "loài", "count", "lower"),
  /* 235 */ H(230, "Carry out the urgent tasks under Conclusion 56-KL/TW"),
  /* 236 */ I("Has the province/city introduced sorting of domestic solid waste at source? Share (%) of households doing so?", "", "yesno", "higher"),
  /* 237 */ I("Number/share of polluting landfills that drew public complaints and have been dealt with", "bãi", "countOfTotal", "higher"),
];

// Pairs of seed row indexes (PL1, PL2) measuring the same thing.
const LINKS = [
  [10, 109], // land surveyed for quality and potential
  [12, 100], // forest certification
  [19, 218], // QĐ 64 facilities
  [20, 219], // QĐ 1788 facilities
  [21, 220], // new seriously polluting facilities
  [22, 182], // industrial zones' wastewater
  [23, 184], // urban wastewater
  [24, 200], // urban solid waste collected
  [24, 201], // … and treated
  [25, 203], // hazardous waste
  [26, 204], // medical waste
  [28, 214], // urban clean water
  [29, 215], // rural hygienic water
  [30, 189], // pesticide residue sites
  [32, 187], // days over the air quality limit
  [33, 227], // green area per head
  [34, 228], // clean-fuel buses
  [34, 95], // buses/taxis on clean fuel
  [35, 229], // public transport share
  [35, 96], // public transport meeting demand
  [39, 190], // commune environment criterion (the seed's 50 % in both)
  [42, 122], // forest cover
];

const TARGET_TEXT_UNIT = "%";

function main() {
  const seed = readSeed();
  if (seed.length !== META.length) throw new Error(`seed has ${seed.length} rows, META ${META.length}`);
  const ids = [];
  const counters = { PL1: { I: 0, H: 0 }, PL2: { I: 0, H: 0 } };
  seed.forEach((r, i) => {
    const m = META[i];
    const c = counters[r.appendix];
    c[m.t]++;
    const n = m.t === "I" ? String(c.I).padStart(r.appendix === "PL1" ? 2 : 3, "0") : `H${String(c.H).padStart(2, "0")}`;
    ids.push(`${r.appendix}-${n}`);
  });
  const rows = [];
  const pathOf = [];
  let lastHeading = null;
  seed.forEach((r, i) => {
    const m = META[i];
    const stt = (r.cells[0] || "").trim();
    const label = (r.cells[1] || "").trim();
    let parent = m.parent;
    if (m.t === "I" && parent === null) parent = lastHeading;
    const p = parent === null ? [] : [...pathOf[parent], ids[parent]];
    pathOf[i] = p;
    const base = {
      id: ids[i],
      appendix: r.appendix,
      type: "indicator",
      stt,
      path: p,
      labelVi: correct(label),
      labelOriginal: label,
      labelEn: m.en,
    };
    if (m.t === "H") {
      lastHeading = i;
      base.type = stt !== "" ? "section" : p.length > 0 && META[parent] && (seed[parent].cells[0] || "").trim() !== "" ? "group" : "subgroup";
      rows.push(base);
      return;
    }
    const row = { ...base, unit: m.unit, kind: m.kind, direction: m.dir };
    if (m.target) {
      const text = r.cells[2].trim();
      row.target = { text, op: m.target[0], value: m.target[1], unit: TARGET_TEXT_UNIT };
    }
    row.links = [];
    if (m.aliases) row.aliases = m.aliases;
    rows.push(row);
  });
  for (const [a, b] of LINKS) {
    rows[a].links.push(ids[b]);
    rows[b].links.push(ids[a]);
  }
  const catalogue = {
    schemaVersion: "1.1",
    id: "nq24-national",
    version: "2023.1",
    title: {
      vi: "Danh mục chỉ tiêu tổng kết 10 năm thực hiện Nghị quyết 24-NQ/TW",
      en: "Indicator catalogue for the 10-year review of Resolution 24-NQ/TW",
    },
    source: "Báo cáo tổng kết 10 năm NQ24 – UBND thành phố Lai Châu, 5/2023 (Phụ lục 1, Phụ lục 2)",
    periods: {
      baseline: { year: 2013, from: 2005, to: 2019 },
      result: { year: 2022, from: 2018, to: 2030 },
      target: { year: 2020, from: 2015, to: 2050 },
    },
    appendices: [
      {
        id: "PL1",
        title: { vi: "Tình hình thực hiện các mục tiêu của Nghị quyết 24-NQ/TW", en: "Progress on the targets of Resolution 24-NQ/TW" },
        columns: [
          { key: "stt", vi: "STT", en: "No." },
          { key: "label", vi: "Các mục tiêu cụ thể của Nghị quyết", en: "Specific targets of the Resolution" },
          { key: "target", vi: "Mục tiêu đề ra đến 2020", en: "Target set for 2020" },
          { key: "baseline", vi: "Hiện trạng 2013", en: "Status in 2013" },
          { key: "result", vi: "Kết quả đạt được đến 2022", en: "Result achieved by 2022" },
          { key: "note", vi: "Ghi chú", en: "Note" },
        ],
      },
      {
        id: "PL2",
        title: { vi: "Số liệu thể hiện kết quả thực hiện các nhiệm vụ của Nghị quyết 24-NQ/TW", en: "Figures on the tasks of Resolution 24-NQ/TW" },
        columns: [
          { key: "stt", vi: "STT", en: "No." },
          { key: "label", vi: "Chỉ tiêu đánh giá", en: "Assessment indicator" },
          { key: "baseline", vi: "2013", en: "2013" },
          { key: "result", vi: "2022", en: "2022" },
          { key: "note", vi: "Ghi chú", en: "Note" },
        ],
      },
    ],
    rows,
  };
  fs.writeFileSync(path.join(root, "src", "catalogue", "nq24-catalogue.json"), JSON.stringify(catalogue, null, 2) + "\n");

  // The Lai Châu sample: every non-empty value/note cell exactly as the seed writes it.
  const values = {};
  const headingNotes = {};
  seed.forEach((r, i) => {
    const rest = r.cells.slice(2);
    const keys = r.appendix === "PL1" ? ["target", "baseline", "result", "note"] : ["baseline", "result", "note"];
    const v = {};
    keys.forEach((k, j) => {
      const cell = rest[j];
      if (cell !== undefined && cell !== "") v[k] = cell;
    });
    if (Object.keys(v).length === 0) return;
    if (META[i].t === "I") values[ids[i]] = v;
    else headingNotes[ids[i]] = v;
  });
  const sample = {
    catalogueId: "nq24-national",
    cover: {
      unit: "UBND thành phố Lai Châu",
      province: "Lai Châu",
      reportNumber: "",
      reportDate: "…/5/2023",
      preparer: "",
      phone: "",
      naturalArea: "9.687,99",
    },
    values,
    headingNotes,
  };
  fs.writeFileSync(path.join(root, "src", "catalogue", "sample-laichau.json"), JSON.stringify(sample, null, 2) + "\n");
  console.log(`rows ${rows.length}; sample values ${Object.keys(values).length}; heading notes ${Object.keys(headingNotes).length}`);
}

main();
