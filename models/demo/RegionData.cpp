#include "demo/ReferenceData.h"

// Cities of every province with their GB/T 2260 codes (current as of the 2020s), a few of their
// urban districts, long-distance area codes and 2020 census populations, which weight where customers
// live. Dongguan has no districts: its towns report to the city, whose code 441900 is also what its
// residents' ID numbers start with.

namespace telcodesk::demo {

namespace {

#define TD_DISTRICTS(name, ...)                                                                           \
    const District name[] = {__VA_ARGS__};

TD_DISTRICTS(kBeijing, {"110101", "东城区"}, {"110102", "西城区"}, {"110105", "朝阳区"}, {"110106", "丰台区"},
             {"110108", "海淀区"}, {"110114", "昌平区"}, {"110115", "大兴区"})
TD_DISTRICTS(kTianjin, {"120101", "和平区"}, {"120103", "河西区"}, {"120104", "南开区"}, {"120116", "滨海新区"})
TD_DISTRICTS(kShijiazhuang, {"130102", "长安区"}, {"130104", "桥西区"}, {"130105", "新华区"}, {"130108", "裕华区"})
TD_DISTRICTS(kTangshan, {"130202", "路南区"}, {"130203", "路北区"})
TD_DISTRICTS(kBaoding, {"130602", "竞秀区"}, {"130606", "莲池区"})
TD_DISTRICTS(kTaiyuan, {"140105", "小店区"}, {"140106", "迎泽区"}, {"140107", "杏花岭区"})
TD_DISTRICTS(kHohhot, {"150102", "新城区"}, {"150103", "回民区"}, {"150105", "赛罕区"})
TD_DISTRICTS(kBaotou, {"150203", "昆都仑区"})
TD_DISTRICTS(kShenyang, {"210102", "和平区"}, {"210103", "沈河区"}, {"210105", "皇姑区"})
TD_DISTRICTS(kDalian, {"210202", "中山区"}, {"210203", "西岗区"}, {"210204", "沙河口区"})
TD_DISTRICTS(kChangchun, {"220102", "南关区"}, {"220104", "朝阳区"}, {"220105", "二道区"})
TD_DISTRICTS(kJilin, {"220202", "昌邑区"})
TD_DISTRICTS(kHarbin, {"230102", "道里区"}, {"230103", "南岗区"}, {"230104", "道外区"})
TD_DISTRICTS(kDaqing, {"230602", "萨尔图区"})
TD_DISTRICTS(kShanghai, {"310101", "黄浦区"}, {"310104", "徐汇区"}, {"310105", "长宁区"}, {"310106", "静安区"},
             {"310107", "普陀区"}, {"310110", "杨浦区"}, {"310112", "闵行区"}, {"310115", "浦东新区"})
TD_DISTRICTS(kNanjing, {"320102", "玄武区"}, {"320104", "秦淮区"}, {"320105", "建邺区"}, {"320106", "鼓楼区"})
TD_DISTRICTS(kWuxi, {"320213", "梁溪区"}, {"320214", "新吴区"})
TD_DISTRICTS(kXuzhou, {"320302", "鼓楼区"}, {"320303", "云龙区"})
TD_DISTRICTS(kSuzhou, {"320505", "虎丘区"}, {"320506", "吴中区"}, {"320508", "姑苏区"})
TD_DISTRICTS(kHangzhou, {"330102", "上城区"}, {"330105", "拱墅区"}, {"330106", "西湖区"}, {"330108", "滨江区"})
TD_DISTRICTS(kNingbo, {"330203", "海曙区"}, {"330212", "鄞州区"})
TD_DISTRICTS(kWenzhou, {"330302", "鹿城区"}, {"330304", "瓯海区"})
TD_DISTRICTS(kHefei, {"340102", "瑶海区"}, {"340103", "庐阳区"}, {"340104", "蜀山区"}, {"340111", "包河区"})
TD_DISTRICTS(kWuhu, {"340202", "镜湖区"})
TD_DISTRICTS(kFuzhou, {"350102", "鼓楼区"}, {"350103", "台江区"}, {"350104", "仓山区"})
TD_DISTRICTS(kXiamen, {"350203", "思明区"}, {"350206", "湖里区"})
TD_DISTRICTS(kQuanzhou, {"350502", "鲤城区"}, {"350503", "丰泽区"})
TD_DISTRICTS(kNanchang, {"360102", "东湖区"}, {"360103", "西湖区"}, {"360111", "青山湖区"})
TD_DISTRICTS(kGanzhou, {"360702", "章贡区"})
TD_DISTRICTS(kJinan, {"370102", "历下区"}, {"370103", "市中区"}, {"370104", "槐荫区"})
TD_DISTRICTS(kQingdao, {"370202", "市南区"}, {"370203", "市北区"}, {"370212", "崂山区"})
TD_DISTRICTS(kYantai, {"370602", "芝罘区"})
TD_DISTRICTS(kLinyi, {"371302", "兰山区"}, {"371311", "罗庄区"})
TD_DISTRICTS(kZhengzhou, {"410102", "中原区"}, {"410103", "二七区"}, {"410105", "金水区"})
TD_DISTRICTS(kLuoyang, {"410302", "老城区"}, {"410311", "洛龙区"})
TD_DISTRICTS(kNanyang, {"411302", "宛城区"}, {"411303", "卧龙区"})
TD_DISTRICTS(kWuhan, {"420102", "江岸区"}, {"420103", "江汉区"}, {"420106", "武昌区"}, {"420111", "洪山区"})
TD_DISTRICTS(kYichang, {"420502", "西陵区"})
TD_DISTRICTS(kChangsha, {"430102", "芙蓉区"}, {"430103", "天心区"}, {"430104", "岳麓区"}, {"430105", "开福区"})
TD_DISTRICTS(kGuangzhou, {"440103", "荔湾区"}, {"440104", "越秀区"}, {"440105", "海珠区"}, {"440106", "天河区"},
             {"440111", "白云区"})
TD_DISTRICTS(kShenzhen, {"440303", "罗湖区"}, {"440304", "福田区"}, {"440305", "南山区"}, {"440306", "宝安区"},
             {"440307", "龙岗区"})
TD_DISTRICTS(kShantou, {"440507", "龙湖区"})
TD_DISTRICTS(kFoshan, {"440604", "禅城区"}, {"440605", "南海区"}, {"440606", "顺德区"})
TD_DISTRICTS(kDongguan, {"441900", "东莞市"})
TD_DISTRICTS(kNanning, {"450102", "兴宁区"}, {"450103", "青秀区"}, {"450107", "西乡塘区"})
TD_DISTRICTS(kGuilin, {"450302", "秀峰区"})
TD_DISTRICTS(kHaikou, {"460105", "秀英区"}, {"460106", "龙华区"}, {"460108", "美兰区"})
TD_DISTRICTS(kSanya, {"460202", "海棠区"})
TD_DISTRICTS(kChongqing, {"500103", "渝中区"}, {"500105", "江北区"}, {"500106", "沙坪坝区"}, {"500108", "南岸区"},
             {"500112", "渝北区"})
TD_DISTRICTS(kChengdu, {"510104", "锦江区"}, {"510105", "青羊区"}, {"510106", "金牛区"}, {"510107", "武侯区"},
             {"510108", "成华区"})
TD_DISTRICTS(kMianyang, {"510703", "涪城区"})
TD_DISTRICTS(kGuiyang, {"520102", "南明区"}, {"520103", "云岩区"}, {"520111", "花溪区"})
TD_DISTRICTS(kKunming, {"530102", "五华区"}, {"530103", "盘龙区"}, {"530111", "官渡区"})
TD_DISTRICTS(kLhasa, {"540102", "城关区"})
TD_DISTRICTS(kXian, {"610102", "新城区"}, {"610103", "碑林区"}, {"610104", "莲湖区"}, {"610113", "雁塔区"})
TD_DISTRICTS(kLanzhou, {"620102", "城关区"}, {"620103", "七里河区"})
TD_DISTRICTS(kXining, {"630102", "城东区"}, {"630103", "城中区"}, {"630104", "城西区"})
TD_DISTRICTS(kYinchuan, {"640104", "兴庆区"}, {"640105", "西夏区"})
TD_DISTRICTS(kUrumqi, {"650102", "天山区"}, {"650103", "沙依巴克区"}, {"650104", "新市区"})

#undef TD_DISTRICTS

#define TD_D(name) Table<District>{name, std::size(name)}

const City kCities[] = {
    {"110000", "北京市", "Beijing", "110100", "北京市", "Beijing", "10", 21890, true, TD_D(kBeijing)},
    {"120000", "天津市", "Tianjin", "120100", "天津市", "Tianjin", "22", 13870, true, TD_D(kTianjin)},
    {"130000", "河北省", "Hebei", "130100", "石家庄市", "Shijiazhuang", "311", 11240, false, TD_D(kShijiazhuang)},
    {"130000", "河北省", "Hebei", "130200", "唐山市", "Tangshan", "315", 7720, false, TD_D(kTangshan)},
    {"130000", "河北省", "Hebei", "130600", "保定市", "Baoding", "312", 11540, false, TD_D(kBaoding)},
    {"140000", "山西省", "Shanxi", "140100", "太原市", "Taiyuan", "351", 5300, false, TD_D(kTaiyuan)},
    {"150000", "内蒙古自治区", "Inner Mongolia", "150100", "呼和浩特市", "Hohhot", "471", 3450, false, TD_D(kHohhot)},
    {"150000", "内蒙古自治区", "Inner Mongolia", "150200", "包头市", "Baotou", "472", 2710, false, TD_D(kBaotou)},
    {"210000", "辽宁省", "Liaoning", "210100", "沈阳市", "Shenyang", "24", 9070, false, TD_D(kShenyang)},
    {"210000", "辽宁省", "Liaoning", "210200", "大连市", "Dalian", "411", 7450, false, TD_D(kDalian)},
    {"220000", "吉林省", "Jilin", "220100", "长春市", "Changchun", "431", 9060, false, TD_D(kChangchun)},
    {"220000", "吉林省", "Jilin", "220200", "吉林市", "Jilin", "432", 3620, false, TD_D(kJilin)},
    {"230000", "黑龙江省", "Heilongjiang", "230100", "哈尔滨市", "Harbin", "451", 10010, false, TD_D(kHarbin)},
    {"230000", "黑龙江省", "Heilongjiang", "230600", "大庆市", "Daqing", "459", 2780, false, TD_D(kDaqing)},
    {"310000", "上海市", "Shanghai", "310100", "上海市", "Shanghai", "21", 24870, true, TD_D(kShanghai)},
    {"320000", "江苏省", "Jiangsu", "320100", "南京市", "Nanjing", "25", 9310, false, TD_D(kNanjing)},
    {"320000", "江苏省", "Jiangsu", "320200", "无锡市", "Wuxi", "510", 7460, false, TD_D(kWuxi)},
    {"320000", "江苏省", "Jiangsu", "320300", "徐州市", "Xuzhou", "516", 9080, false, TD_D(kXuzhou)},
    {"320000", "江苏省", "Jiangsu", "320500", "苏州市", "Suzhou", "512", 12750, false, TD_D(kSuzhou)},
    {"330000", "浙江省", "Zhejiang", "330100", "杭州市", "Hangzhou", "571", 11940, false, TD_D(kHangzhou)},
    {"330000", "浙江省", "Zhejiang", "330200", "宁波市", "Ningbo", "574", 9400, false, TD_D(kNingbo)},
    {"330000", "浙江省", "Zhejiang", "330300", "温州市", "Wenzhou", "577", 9570, false, TD_D(kWenzhou)},
    {"340000", "安徽省", "Anhui", "340100", "合肥市", "Hefei", "551", 9370, false, TD_D(kHefei)},
    {"340000", "安徽省", "Anhui", "340200", "芜湖市", "Wuhu", "553", 3640, false, TD_D(kWuhu)},
    {"350000", "福建省", "Fujian", "350100", "福州市", "Fuzhou", "591", 8290, false, TD_D(kFuzhou)},
    {"350000", "福建省", "Fujian", "350200", "厦门市", "Xiamen", "592", 5160, false, TD_D(kXiamen)},
    {"350000", "福建省", "Fujian", "350500", "泉州市", "Quanzhou", "595", 8780, false, TD_D(kQuanzhou)},
    {"360000", "江西省", "Jiangxi", "360100", "南昌市", "Nanchang", "791", 6260, false, TD_D(kNanchang)},
    {"360000", "江西省", "Jiangxi", "360700", "赣州市", "Ganzhou", "797", 8970, false, TD_D(kGanzhou)},
    {"370000", "山东省", "Shandong", "370100", "济南市", "Jinan", "531", 9200, false, TD_D(kJinan)},
    {"370000", "山东省", "Shandong", "370200", "青岛市", "Qingdao", "532", 10070, false, TD_D(kQingdao)},
    {"370000", "山东省", "Shandong", "370600", "烟台市", "Yantai", "535", 7100, false, TD_D(kYantai)},
    {"370000", "山东省", "Shandong", "371300", "临沂市", "Linyi", "539", 11020, false, TD_D(kLinyi)},
    {"410000", "河南省", "Henan", "410100", "郑州市", "Zhengzhou", "371", 12600, false, TD_D(kZhengzhou)},
    {"410000", "河南省", "Henan", "410300", "洛阳市", "Luoyang", "379", 7060, false, TD_D(kLuoyang)},
    {"410000", "河南省", "Henan", "411300", "南阳市", "Nanyang", "377", 9710, false, TD_D(kNanyang)},
    {"420000", "湖北省", "Hubei", "420100", "武汉市", "Wuhan", "27", 12330, false, TD_D(kWuhan)},
    {"420000", "湖北省", "Hubei", "420500", "宜昌市", "Yichang", "717", 4020, false, TD_D(kYichang)},
    {"430000", "湖南省", "Hunan", "430100", "长沙市", "Changsha", "731", 10050, false, TD_D(kChangsha)},
    {"440000", "广东省", "Guangdong", "440100", "广州市", "Guangzhou", "20", 18680, false, TD_D(kGuangzhou)},
    {"440000", "广东省", "Guangdong", "440300", "深圳市", "Shenzhen", "755", 17560, false, TD_D(kShenzhen)},
    {"440000", "广东省", "Guangdong", "440500", "汕头市", "Shantou", "754", 5500, false, TD_D(kShantou)},
    {"440000", "广东省", "Guangdong", "440600", "佛山市", "Foshan", "757", 9500, false, TD_D(kFoshan)},
    {"440000", "广东省", "Guangdong", "441900", "东莞市", "Dongguan", "769", 10470, false, TD_D(kDongguan)},
    {"450000", "广西壮族自治区", "Guangxi", "450100", "南宁市", "Nanning", "771", 8740, false, TD_D(kNanning)},
    {"450000", "广西壮族自治区", "Guangxi", "450300", "桂林市", "Guilin", "773", 4930, false, TD_D(kGuilin)},
    {"460000", "海南省", "Hainan", "460100", "海口市", "Haikou", "898", 2870, false, TD_D(kHaikou)},
    {"460000", "海南省", "Hainan", "460200", "三亚市", "Sanya", "898", 1030, false, TD_D(kSanya)},
    {"500000", "重庆市", "Chongqing", "500100", "重庆市", "Chongqing", "23", 32050, true, TD_D(kChongqing)},
    {"510000", "四川省", "Sichuan", "510100", "成都市", "Chengdu", "28", 20940, false, TD_D(kChengdu)},
    {"510000", "四川省", "Sichuan", "510700", "绵阳市", "Mianyang", "816", 4870, false, TD_D(kMianyang)},
    {"520000", "贵州省", "Guizhou", "520100", "贵阳市", "Guiyang", "851", 5990, false, TD_D(kGuiyang)},
    {"530000", "云南省", "Yunnan", "530100", "昆明市", "Kunming", "871", 8460, false, TD_D(kKunming)},
    {"540000", "西藏自治区", "Tibet", "540100", "拉萨市", "Lhasa", "891", 870, false, TD_D(kLhasa)},
    {"610000", "陕西省", "Shaanxi", "610100", "西安市", "Xi'an", "29", 12950, false, TD_D(kXian)},
    {"620000", "甘肃省", "Gansu", "620100", "兰州市", "Lanzhou", "931", 4360, false, TD_D(kLanzhou)},
    {"630000", "青海省", "Qinghai", "630100", "西宁市", "Xining", "971", 2470, false, TD_D(kXining)},
    {"640000", "宁夏回族自治区", "Ningxia", "640100", "银川市", "Yinchuan", "951", 2860, false, TD_D(kYinchuan)},
    {"650000", "新疆维吾尔自治区", "Xinjiang", "650100", "乌鲁木齐市", "Urumqi", "991", 4050, false, TD_D(kUrumqi)},
};

#undef TD_D

const char* const kStreets[] = {
    "人民路", "中山路", "解放路", "建设路", "和平路", "新华路", "胜利路", "文化路", "长江路", "黄河路",
    "科技路", "滨江大道", "东风路", "光明路", "青年路", "幸福路", "朝阳路", "学府路", "世纪大道", "工业大道",
    "迎宾路", "花园路", "民主路", "团结路", "振兴路", "健康路", "体育路", "金融街", "创业路", "湖滨路",
};

const char* const kEstates[] = {
    "阳光花园", "金色家园", "翠苑小区", "锦绣华庭", "碧水湾", "万家城", "世纪新城", "幸福里", "书香门第",
    "御景园", "滨江花园", "绿地新都", "龙湖花园", "明珠小区", "枫林苑", "名都花园", "紫荆园", "新世纪家园",
    "海悦府", "时代广场公寓",
};

} // namespace

Table<City> cities() { return {kCities, std::size(kCities)}; }
Table<const char*> streetNames() { return {kStreets, std::size(kStreets)}; }
Table<const char*> estateNames() { return {kEstates, std::size(kEstates)}; }

} // namespace telcodesk::demo
