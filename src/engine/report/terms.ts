/**
 * The words the report check reads indicators by, as data: function words that carry no
 * meaning, spellings and abbreviations that mean the same thing, words that turn a figure
 * into another measure, and short key phrases for indicators whose full labels no report
 * repeats word for word. A province's catalogue with the national ids gets the key phrases
 * too; any other indicator is read by its label and aliases alone.
 */

/** Function words, and words every paragraph of such a report has (place, authority). */
export const STOP_WORDS: string[] = [
  "các", "của", "và", "được", "đã", "là", "cho", "trong", "theo", "với", "về", "từ", "tại", "trên", "đến", "những", "này",
  "đó", "để", "do", "bởi", "hoặc", "hay", "một", "mỗi", "bị", "thì", "mà", "nhằm", "như", "cũng", "vẫn", "còn", "sẽ", "đang",
  "nên", "rất", "qua", "lại", "ra", "vào", "khi", "nếu", "đều", "nay", "hiện", "tại", "đạt", "bằng", "gồm", "năm", "trong đó",
  "địa bàn", "thành phố", "tỉnh", "huyện", "lai", "châu", "ubnd", "toàn", "khu vực", "công tác", "thực hiện", "tổng", "tỷ lệ",
  "số lượng", "số", "lượng", "loại hình", "qua các năm", "hàng năm", "phường", "thị trấn", "công nhận", "tính riêng",
  "tăng lên", "tăng", "giảm xuống", "giảm còn", "giảm", "lên", "nghị quyết", "kết luận", "xác định",
];

/**
 * Head words every indicator of a kind shares ("diện tích" of every area): they count for
 * little, so that "tổng diện tích 4.282,46ha" does not pass for "diện tích rừng".
 */
export const HEAD_WORDS: string[] = ["diện tích", "giá trị", "khối lượng"];

/**
 * Words that cut a population, an area or a place into parts. A figure whose sentence names
 * one part speaks of that part only: "dân số nông thôn" is not "dân cư đô thị", and "rừng
 * phòng hộ" is a part of "rừng". Each group lists parts of one whole.
 */
export const SCOPE_GROUPS: string[][] = [
  ["nông thôn", "đô thị"],
  ["khu công nghiệp", "cụm công nghiệp", "khu chế xuất", "khu công nghệ cao", "làng nghề"],
  ["rừng tự nhiên", "rừng trồng", "rừng phòng hộ", "rừng đặc dụng", "rừng sản xuất"],
];

/** Nouns that count the same kind of thing: "30 buổi tuyên truyền" may be "chương trình truyền thông". */
export const NOUN_FAMILIES: string[][] = [
  ["buổi", "đợt", "lớp", "chương trình", "hội nghị", "lần", "cuộc", "chiến dịch", "lễ"],
  ["doanh nghiệp", "cơ sở", "tổ chức", "công ty", "đơn vị"],
  ["dự án", "công trình", "mỏ"],
];

/**
 * Phrases that mean the same (left → right). Applied to labels and text alike, so either
 * wording matches the other. Abbreviations staff write are spelled out.
 */
export const SYNONYMS: [string, string][] = [
  ["bđkh", "biến đổi khí hậu"],
  ["ctrsh", "chất thải rắn sinh hoạt"],
  ["ctr", "chất thải rắn"],
  ["ctnh", "chất thải nguy hại"],
  ["xlnt", "xử lý nước thải"],
  ["ntm", "nông thôn mới"],
  ["kcn", "khu công nghiệp"],
  ["ccn", "cụm công nghiệp"],
  ["bvmt", "bảo vệ môi trường"],
  ["bvtv", "bảo vệ thực vật"],
  ["đtm", "đánh giá tác động môi trường"],
  ["gcnqsdđ", "giấy chứng nhận"],
  ["gcn", "giấy chứng nhận"],
  ["giấy chứng nhận quyền sử dụng đất", "giấy chứng nhận"],
  ["pcccr", "phòng cháy chữa cháy rừng"],
  ["vphc", "vi phạm hành chính"],
  ["tn&mt", "tài nguyên môi trường"],
  ["tnmt", "tài nguyên môi trường"],
  ["dân số", "dân cư"],
  ["thành thị", "đô thị"],
  ["nội thị", "đô thị"],
  ["trung bình", "bình quân"],
  ["tỉ lệ", "tỷ lệ"],
  ["tuyên truyền", "truyền thông"],
  ["rác thải", "chất thải rắn"],
  ["cấp nước", "sử dụng nước"],
  ["tỷ lệ che phủ", "độ che phủ"],
  ["hecta", "ha"],
  ["thu gom và xử lý", "thu gom xử lý"],
];

/**
 * Words that make a figure another measure than an indicator whose own words lack them:
 * planned or targeted amounts, parts and inclusions, things not yet done, additions.
 * ("diện tích quy hoạch cho rừng phòng hộ" is not "diện tích rừng phòng hộ".)
 */
export const QUALIFIERS: string[] = [
  "quy hoạch", "kế hoạch", "dự kiến", "phấn đấu", "mục tiêu", "bao gồm", "chưa", "ngoài", "trừ", "bổ sung", "đăng ký",
];

/** How reports name the indicators they cite, beside the catalogue's labels and aliases (national ids). */
export const KEY_PHRASES: { [id: string]: string[] } = {
  "PL1-01": ["số người chết mất tích", "thiệt hại về người"],
  "PL1-02": ["thiệt hại do thiên tai", "tổng thiệt hại"],
  "PL1-04": ["điểm ngập úng"],
  "PL1-07": ["chi trả dịch vụ môi trường rừng"],
  "PL1-08": ["khai thác gỗ rừng tự nhiên"],
  "PL1-15": ["chất thải rắn sinh hoạt đô thị thu gom xử lý"],
  "PL1-16": ["chất thải nguy hại xử lý"],
  "PL1-17": ["chất thải y tế xử lý", "chất thải y tế thu gom xử lý"],
  "PL1-18": ["chất thải rắn sinh hoạt chôn lấp trực tiếp"],
  "PL1-19": ["dân cư đô thị sử dụng nước sạch"],
  "PL1-20": ["dân cư nông thôn sử dụng nước hợp vệ sinh"],
  "PL1-23": ["diện tích đất cây xanh đô thị", "cây xanh bình quân đầu người"],
  "PL1-28": ["xã đạt chuẩn vệ sinh môi trường", "xã đạt tiêu chí môi trường"],
  "PL1-29": ["khu bảo tồn thiên nhiên"],
  "PL1-30": ["độ che phủ rừng", "độ che phủ"],
  "PL2-010": ["truyền thông biến đổi khí hậu", "truyền thông phòng chống thiên tai"],
  "PL2-017": ["diện tích rừng phòng hộ"],
  "PL2-040": ["đo đạc bản đồ địa chính", "diện tích đo đạc bản đồ địa chính"],
  "PL2-041": ["diện tích đất cấp giấy chứng nhận", "cấp giấy chứng nhận"],
  "PL2-042": ["khai thác khoáng sản trái phép"],
  "PL2-043": ["xử phạt vi phạm hành chính khoáng sản"],
  "PL2-044": ["tiền xử phạt khoáng sản"],
  "PL2-046": ["diện tích đất lâm nghiệp"],
  "PL2-047": ["diện tích rừng", "độ che phủ rừng"],
  "PL2-051": ["thu tài chính từ đất đai", "thu tiền sử dụng đất"],
  "PL2-059": ["đất nông nghiệp chuyển sang đất phi nông nghiệp"],
  "PL2-070": ["đất chưa sử dụng khai thác"],
  "PL2-077": ["thất thoát nước sạch"],
  "PL2-094": ["trạm quan trắc không khí tự động"],
  "PL2-097": ["xã đạt tiêu chí môi trường"],
  "PL2-098": ["xã đạt tiêu chí nông thôn mới", "xã đạt chuẩn nông thôn mới"],
  "PL2-103": ["bệnh viện hệ thống xử lý nước thải"],
  "PL2-104": ["chất thải rắn đô thị thu gom"],
  "PL2-105": ["chất thải rắn sinh hoạt xử lý"],
  "PL2-106": ["bãi chôn lấp hợp vệ sinh"],
  "PL2-107": ["chất thải nguy hại thu gom xử lý"],
  "PL2-108": ["chất thải y tế thu gom xử lý"],
  "PL2-109": ["chất thải rắn nông thôn xử lý"],
  "PL2-110": ["chất thải rắn sinh hoạt tái chế tái sử dụng", "tái chế tái sử dụng chất thải rắn sinh hoạt"],
  "PL2-111": ["doanh nghiệp dịch vụ môi trường thu gom xử lý chất thải"],
  "PL2-114": ["dân cư đô thị sử dụng nước sạch"],
  "PL2-115": ["dân cư nông thôn sử dụng nước hợp vệ sinh"],
  "PL2-116": ["nhà tiêu hợp vệ sinh"],
  "PL2-121": ["ký quỹ phục hồi môi trường"],
  "PL2-123": ["diện tích đất cây xanh đô thị", "cây xanh bình quân đầu người"],
  "PL2-126": ["vụ buôn bán động vật hoang dã"],
  "PL2-127": ["động vật hoang dã bắt giữ"],
  "PL2-128": ["loài ngoại lai xâm hại"],
};
