#include "demo/ReferenceData.h"

// Chinese family names with their approximate share of the population (per 100,000, after the
// Ministry of Public Security's household-register rankings), their traditional forms, romanisation and
// a homophone that a mistyped record might carry. Compound names (欧阳, 司马, 诸葛, 上官 ...) are rare
// but present.

namespace telcodesk::demo {

namespace {

const Surname kSurnames[] = {
    {"王", nullptr, "Wang", "汪", 7120},   {"李", nullptr, "Li", "黎", 7080},
    {"张", "張", "Zhang", "章", 6720},     {"刘", "劉", "Liu", "柳", 5380},
    {"陈", "陳", "Chen", "辰", 4530},      {"杨", "楊", "Yang", "阳", 3080},
    {"黄", "黃", "Huang", "皇", 2230},     {"赵", "趙", "Zhao", "召", 2000},
    {"吴", "吳", "Wu", "伍", 1960},        {"周", nullptr, "Zhou", "舟", 1810},
    {"徐", nullptr, "Xu", "许", 1510},     {"孙", "孫", "Sun", nullptr, 1480},
    {"马", "馬", "Ma", "麻", 1440},        {"朱", nullptr, "Zhu", "祝", 1390},
    {"胡", nullptr, "Hu", "湖", 1310},     {"郭", nullptr, "Guo", nullptr, 1170},
    {"何", nullptr, "He", "贺", 1130},     {"高", nullptr, "Gao", nullptr, 1080},
    {"林", nullptr, "Lin", "琳", 1070},    {"罗", "羅", "Luo", "骆", 1030},
    {"郑", "鄭", "Zheng", nullptr, 980},   {"梁", nullptr, "Liang", nullptr, 960},
    {"谢", "謝", "Xie", "解", 830},        {"宋", nullptr, "Song", nullptr, 780},
    {"唐", nullptr, "Tang", "汤", 770},    {"许", "許", "Xu", "徐", 730},
    {"韩", "韓", "Han", nullptr, 710},     {"冯", "馮", "Feng", "封", 700},
    {"邓", "鄧", "Deng", nullptr, 690},    {"曹", nullptr, "Cao", nullptr, 680},
    {"彭", nullptr, "Peng", nullptr, 650}, {"曾", nullptr, "Zeng", nullptr, 640},
    {"肖", nullptr, "Xiao", "萧", 620},    {"田", nullptr, "Tian", nullptr, 610},
    {"董", nullptr, "Dong", nullptr, 600}, {"袁", nullptr, "Yuan", "元", 570},
    {"潘", nullptr, "Pan", nullptr, 560},  {"于", nullptr, "Yu", "余", 550},
    {"蒋", "蔣", "Jiang", "姜", 540},      {"蔡", nullptr, "Cai", nullptr, 530},
    {"余", nullptr, "Yu", "于", 520},      {"杜", nullptr, "Du", nullptr, 510},
    {"叶", "葉", "Ye", nullptr, 500},      {"程", nullptr, "Cheng", "成", 490},
    {"苏", "蘇", "Su", nullptr, 470},      {"魏", nullptr, "Wei", "卫", 460},
    {"吕", "呂", "Lyu", nullptr, 450},     {"丁", nullptr, "Ding", nullptr, 440},
    {"任", nullptr, "Ren", nullptr, 430},  {"沈", nullptr, "Shen", "申", 420},
    {"姚", nullptr, "Yao", nullptr, 410},  {"卢", "盧", "Lu", "陆", 400},
    {"姜", nullptr, "Jiang", "江", 390},   {"崔", nullptr, "Cui", nullptr, 380},
    {"钟", "鍾", "Zhong", "仲", 370},      {"谭", "譚", "Tan", nullptr, 360},
    {"陆", "陸", "Lu", "卢", 350},         {"汪", nullptr, "Wang", "王", 340},
    {"范", nullptr, "Fan", nullptr, 330},  {"金", nullptr, "Jin", nullptr, 320},
    {"石", nullptr, "Shi", "史", 310},     {"廖", nullptr, "Liao", nullptr, 300},
    {"贾", "賈", "Jia", nullptr, 290},     {"夏", nullptr, "Xia", nullptr, 280},
    {"韦", "韋", "Wei", "魏", 270},        {"付", nullptr, "Fu", "傅", 260},
    {"方", nullptr, "Fang", "房", 260},    {"白", nullptr, "Bai", "柏", 250},
    {"邹", "鄒", "Zou", nullptr, 240},     {"孟", nullptr, "Meng", "蒙", 240},
    {"熊", nullptr, "Xiong", nullptr, 230},{"秦", nullptr, "Qin", "覃", 230},
    {"邱", nullptr, "Qiu", "仇", 220},     {"江", nullptr, "Jiang", "姜", 220},
    {"尹", nullptr, "Yin", nullptr, 210},  {"薛", nullptr, "Xue", nullptr, 210},
    {"闫", "閆", "Yan", "阎", 200},        {"段", nullptr, "Duan", nullptr, 200},
    {"雷", nullptr, "Lei", nullptr, 190},  {"侯", nullptr, "Hou", nullptr, 190},
    {"龙", "龍", "Long", nullptr, 180},    {"史", nullptr, "Shi", "石", 180},
    {"陶", nullptr, "Tao", nullptr, 170},  {"黎", nullptr, "Li", "李", 170},
    {"贺", "賀", "He", "何", 170},         {"顾", "顧", "Gu", nullptr, 160},
    {"毛", nullptr, "Mao", nullptr, 160},  {"郝", nullptr, "Hao", nullptr, 160},
    {"龚", "龔", "Gong", nullptr, 150},    {"邵", nullptr, "Shao", nullptr, 150},
    {"万", "萬", "Wan", nullptr, 150},     {"钱", "錢", "Qian", nullptr, 150},
    {"严", "嚴", "Yan", "颜", 140},        {"覃", nullptr, "Qin", "秦", 140},
    {"武", nullptr, "Wu", "吴", 140},      {"戴", nullptr, "Dai", nullptr, 140},
    {"莫", nullptr, "Mo", nullptr, 130},   {"孔", nullptr, "Kong", nullptr, 130},
    {"向", nullptr, "Xiang", "项", 130},   {"汤", "湯", "Tang", "唐", 130},
    {"常", nullptr, "Chang", nullptr, 120},{"温", "溫", "Wen", "文", 120},
    {"康", nullptr, "Kang", nullptr, 120}, {"施", nullptr, "Shi", nullptr, 110},
    {"文", nullptr, "Wen", "温", 110},     {"牛", nullptr, "Niu", nullptr, 110},
    {"樊", nullptr, "Fan", nullptr, 110},  {"葛", nullptr, "Ge", nullptr, 100},
    {"邢", nullptr, "Xing", nullptr, 100}, {"安", nullptr, "An", nullptr, 100},
    {"齐", "齊", "Qi", "祁", 100},         {"易", nullptr, "Yi", nullptr, 100},
    {"乔", "喬", "Qiao", nullptr, 100},    {"伍", nullptr, "Wu", "吴", 100},
    {"庞", "龐", "Pang", nullptr, 90},     {"颜", "顏", "Yan", "严", 90},
    {"倪", nullptr, "Ni", nullptr, 90},    {"庄", "莊", "Zhuang", nullptr, 90},
    {"聂", "聶", "Nie", nullptr, 90},      {"章", nullptr, "Zhang", "张", 90},
    {"鲁", "魯", "Lu", nullptr, 80},       {"岳", nullptr, "Yue", nullptr, 80},
    {"翟", nullptr, "Zhai", nullptr, 80},  {"殷", nullptr, "Yin", nullptr, 80},
    {"詹", nullptr, "Zhan", nullptr, 80},  {"申", nullptr, "Shen", "沈", 80},
    {"欧", "歐", "Ou", nullptr, 70},       {"耿", nullptr, "Geng", nullptr, 70},
    {"关", "關", "Guan", nullptr, 70},     {"兰", "蘭", "Lan", "蓝", 70},
    {"焦", nullptr, "Jiao", nullptr, 70},  {"俞", nullptr, "Yu", nullptr, 70},
    {"左", nullptr, "Zuo", nullptr, 70},   {"柳", nullptr, "Liu", "刘", 70},
    {"甘", nullptr, "Gan", nullptr, 60},   {"祝", nullptr, "Zhu", "朱", 60},
    {"包", nullptr, "Bao", nullptr, 60},   {"宁", "寧", "Ning", nullptr, 60},
    {"尚", nullptr, "Shang", nullptr, 60}, {"符", nullptr, "Fu", nullptr, 60},
    {"舒", nullptr, "Shu", nullptr, 60},   {"阮", nullptr, "Ruan", nullptr, 60},
    {"柯", nullptr, "Ke", nullptr, 60},    {"纪", "紀", "Ji", nullptr, 60},
    {"梅", nullptr, "Mei", nullptr, 60},   {"童", nullptr, "Tong", nullptr, 50},
    {"凌", nullptr, "Ling", nullptr, 50},  {"毕", "畢", "Bi", nullptr, 50},
    {"单", "單", "Shan", nullptr, 50},     {"季", nullptr, "Ji", nullptr, 50},
    {"裴", nullptr, "Pei", nullptr, 50},   {"霍", nullptr, "Huo", nullptr, 50},
    {"涂", "塗", "Tu", nullptr, 50},       {"成", nullptr, "Cheng", "程", 50},
    {"苗", nullptr, "Miao", nullptr, 50},  {"谷", nullptr, "Gu", nullptr, 50},
    {"盛", nullptr, "Sheng", nullptr, 50}, {"曲", nullptr, "Qu", nullptr, 50},
    {"翁", nullptr, "Weng", nullptr, 50},  {"冉", nullptr, "Ran", nullptr, 40},
    {"骆", "駱", "Luo", "罗", 40},         {"蓝", "藍", "Lan", "兰", 40},
    {"路", nullptr, "Lu", nullptr, 40},    {"游", nullptr, "You", nullptr, 40},
    {"辛", nullptr, "Xin", nullptr, 40},   {"靳", nullptr, "Jin", nullptr, 40},
    {"管", nullptr, "Guan", nullptr, 40},  {"柴", nullptr, "Chai", nullptr, 40},
    {"蒙", nullptr, "Meng", nullptr, 40},  {"鲍", "鮑", "Bao", nullptr, 40},
    {"华", "華", "Hua", nullptr, 40},      {"喻", nullptr, "Yu", nullptr, 40},
    {"祁", nullptr, "Qi", nullptr, 40},    {"蒲", nullptr, "Pu", nullptr, 40},
    {"房", nullptr, "Fang", "方", 40},     {"滕", nullptr, "Teng", nullptr, 40},
    {"屈", nullptr, "Qu", nullptr, 40},    {"饶", "饒", "Rao", nullptr, 40},
    {"解", nullptr, "Xie", nullptr, 40},   {"牟", nullptr, "Mou", nullptr, 30},
    {"艾", nullptr, "Ai", nullptr, 30},    {"尤", nullptr, "You", nullptr, 30},
    {"阳", "陽", "Yang", "杨", 30},        {"时", "時", "Shi", nullptr, 30},
    {"穆", nullptr, "Mu", nullptr, 30},    {"农", "農", "Nong", nullptr, 30},
    {"司", nullptr, "Si", nullptr, 30},    {"卓", nullptr, "Zhuo", nullptr, 30},
    {"古", nullptr, "Gu", nullptr, 30},    {"吉", nullptr, "Ji", nullptr, 30},
    {"缪", "繆", "Miao", nullptr, 30},     {"简", "簡", "Jian", nullptr, 30},
    {"车", "車", "Che", nullptr, 30},      {"项", "項", "Xiang", "向", 30},
    {"连", "連", "Lian", nullptr, 30},     {"芦", "蘆", "Lu", nullptr, 30},
    {"麦", "麥", "Mai", nullptr, 30},      {"褚", nullptr, "Chu", nullptr, 30},
    {"娄", "婁", "Lou", nullptr, 30},      {"窦", "竇", "Dou", nullptr, 30},
    {"戚", nullptr, "Qi", nullptr, 30},    {"岑", nullptr, "Cen", nullptr, 30},
    {"景", nullptr, "Jing", nullptr, 30},  {"党", "黨", "Dang", nullptr, 30},
    {"宫", "宮", "Gong", nullptr, 30},     {"费", "費", "Fei", nullptr, 30},
    {"卜", nullptr, "Bu", nullptr, 30},    {"冷", nullptr, "Leng", nullptr, 30},
    {"晏", nullptr, "Yan", nullptr, 30},   {"席", nullptr, "Xi", nullptr, 30},
    {"卫", "衛", "Wei", "魏", 30},         {"米", nullptr, "Mi", nullptr, 30},
    {"柏", nullptr, "Bai", nullptr, 30},   {"宗", nullptr, "Zong", nullptr, 20},
    {"桂", nullptr, "Gui", nullptr, 20},   {"全", nullptr, "Quan", nullptr, 20},
    {"佟", nullptr, "Tong", nullptr, 20},  {"应", "應", "Ying", nullptr, 20},
    {"臧", nullptr, "Zang", nullptr, 20},  {"闵", "閔", "Min", nullptr, 20},
    {"苟", nullptr, "Gou", nullptr, 20},   {"边", "邊", "Bian", nullptr, 20},
    {"卞", nullptr, "Bian", nullptr, 20},  {"姬", nullptr, "Ji", nullptr, 20},
    {"师", "師", "Shi", nullptr, 20},      {"栾", "欒", "Luan", nullptr, 20},
    {"隋", nullptr, "Sui", nullptr, 20},   {"商", nullptr, "Shang", nullptr, 20},
    {"沙", nullptr, "Sha", nullptr, 20},   {"荣", "榮", "Rong", nullptr, 20},
    {"巫", nullptr, "Wu", nullptr, 20},    {"寇", nullptr, "Kou", nullptr, 20},
    {"桑", nullptr, "Sang", nullptr, 20},  {"郎", nullptr, "Lang", nullptr, 20},
    {"甄", nullptr, "Zhen", nullptr, 20},  {"丛", "叢", "Cong", nullptr, 20},
    {"虞", nullptr, "Yu", nullptr, 20},    {"敖", nullptr, "Ao", nullptr, 20},
    {"巩", "鞏", "Gong", nullptr, 20},     {"池", nullptr, "Chi", nullptr, 20},
    {"麻", nullptr, "Ma", nullptr, 20},    {"迟", "遲", "Chi", nullptr, 20},
    {"欧阳", "歐陽", "Ouyang", nullptr, 10}, {"司徒", nullptr, "Situ", nullptr, 3},
    {"上官", nullptr, "Shangguan", nullptr, 2}, {"司马", "司馬", "Sima", nullptr, 2},
    {"诸葛", "諸葛", "Zhuge", nullptr, 2}, {"皇甫", nullptr, "Huangfu", nullptr, 2},
    {"东方", "東方", "Dongfang", nullptr, 1}, {"令狐", nullptr, "Linghu", nullptr, 1},
    {"慕容", nullptr, "Murong", nullptr, 1}, {"夏侯", nullptr, "Xiahou", nullptr, 1},
};

// Romanisation, traditional form and a same-sounding character for every character of given names.
const NameChar kNameChars[] = {
    {"伟", "wei", "偉", "玮"},   {"强", "qiang", "強", "蔷"}, {"磊", "lei", nullptr, "垒"},
    {"军", "jun", "軍", "君"},   {"勇", "yong", nullptr, "永"}, {"杰", "jie", "傑", "捷"},
    {"涛", "tao", "濤", "韬"},   {"斌", "bin", nullptr, "彬"}, {"超", "chao", nullptr, "潮"},
    {"明", "ming", nullptr, "铭"}, {"刚", "gang", "剛", "钢"}, {"平", "ping", nullptr, "萍"},
    {"辉", "hui", "輝", "晖"},   {"鹏", "peng", "鵬", "朋"}, {"华", "hua", "華", "桦"},
    {"飞", "fei", "飛", "菲"},   {"鑫", "xin", nullptr, "欣"}, {"波", "bo", nullptr, "博"},
    {"宇", "yu", nullptr, "羽"}, {"浩", "hao", nullptr, "昊"}, {"凯", "kai", "凱", "楷"},
    {"健", "jian", nullptr, "建"}, {"俊", "jun", nullptr, "骏"}, {"帆", "fan", nullptr, "凡"},
    {"帅", "shuai", "帥", nullptr}, {"旭", "xu", nullptr, "煦"}, {"宁", "ning", "寧", "凝"},
    {"龙", "long", "龍", "隆"},  {"林", "lin", nullptr, "琳"}, {"阳", "yang", "陽", "洋"},
    {"建", "jian", nullptr, "健"}, {"国", "guo", "國", nullptr}, {"峰", "feng", nullptr, "锋"},
    {"亮", "liang", nullptr, "靓"}, {"成", "cheng", nullptr, "诚"}, {"东", "dong", "東", "冬"},
    {"文", "wen", nullptr, "雯"}, {"博", "bo", nullptr, "波"}, {"志", "zhi", nullptr, "智"},
    {"海", "hai", nullptr, nullptr}, {"晨", "chen", nullptr, "辰"}, {"子", "zi", nullptr, "梓"},
    {"轩", "xuan", "軒", "萱"},  {"睿", "rui", nullptr, "瑞"}, {"豪", "hao", nullptr, "浩"},
    {"毅", "yi", nullptr, "艺"}, {"翔", "xiang", nullptr, "祥"}, {"鸿", "hong", "鴻", "宏"},
    {"昊", "hao", nullptr, "浩"}, {"天", "tian", nullptr, nullptr}, {"泽", "ze", "澤", "则"},
    {"宏", "hong", nullptr, "鸿"}, {"振", "zhen", nullptr, "镇"}, {"立", "li", nullptr, "力"},
    {"嘉", "jia", nullptr, "佳"}, {"诚", "cheng", "誠", "成"}, {"铭", "ming", "銘", "明"},
    {"荣", "rong", "榮", "容"},  {"庆", "qing", "慶", "清"}, {"兵", "bing", nullptr, "冰"},
    {"松", "song", nullptr, nullptr}, {"德", "de", nullptr, nullptr}, {"福", "fu", nullptr, "富"},
    {"生", "sheng", nullptr, "升"}, {"春", "chun", nullptr, "椿"}, {"新", "xin", nullptr, "欣"},
    {"永", "yong", nullptr, "勇"}, {"金", "jin", nullptr, "锦"}, {"长", "chang", "長", nullptr},
    {"胜", "sheng", "勝", "圣"}, {"坤", "kun", nullptr, "昆"}, {"锋", "feng", "鋒", "峰"},
    {"雷", "lei", nullptr, "蕾"}, {"洋", "yang", nullptr, "阳"}, {"彬", "bin", nullptr, "斌"},
    {"家", "jia", nullptr, "佳"}, {"晓", "xiao", "曉", "筱"}, {"思", "si", nullptr, nullptr},
    {"一", "yi", nullptr, "依"}, {"卫", "wei", "衛", "伟"}, {"红", "hong", "紅", "虹"},
    {"学", "xue", "學", "雪"},   {"然", "ran", nullptr, "冉"}, {"梓", "zi", nullptr, "子"},
    {"远", "yuan", "遠", "源"},  {"鸣", "ming", "鳴", "明"}, {"佑", "you", nullptr, "右"},
    {"皓", "hao", nullptr, "浩"}, {"小", "xiao", nullptr, "晓"}, {"艳", "yan", "艷", "燕"},
    {"丽", "li", "麗", "莉"},    {"芳", "fang", nullptr, "方"}, {"娜", "na", nullptr, "纳"},
    {"敏", "min", nullptr, "旻"}, {"静", "jing", "靜", "婧"}, {"秀", "xiu", nullptr, "绣"},
    {"英", "ying", nullptr, "瑛"}, {"燕", "yan", nullptr, "艳"}, {"霞", "xia", nullptr, "侠"},
    {"玲", "ling", nullptr, "铃"}, {"桂", "gui", nullptr, "贵"}, {"梅", "mei", nullptr, "玫"},
    {"琳", "lin", nullptr, "林"}, {"莉", "li", nullptr, "丽"}, {"婷", "ting", nullptr, "亭"},
    {"雪", "xue", nullptr, "学"}, {"慧", "hui", nullptr, "惠"}, {"晶", "jing", nullptr, "静"},
    {"倩", "qian", nullptr, "茜"}, {"洁", "jie", "潔", "杰"}, {"颖", "ying", "穎", "莹"},
    {"琴", "qin", nullptr, "芹"}, {"云", "yun", "雲", "芸"}, {"兰", "lan", "蘭", "岚"},
    {"萍", "ping", nullptr, "平"}, {"娟", "juan", nullptr, "鹃"}, {"欣", "xin", nullptr, "馨"},
    {"怡", "yi", nullptr, "仪"}, {"佳", "jia", nullptr, "嘉"}, {"雯", "wen", nullptr, "文"},
    {"璐", "lu", nullptr, "露"}, {"丹", "dan", nullptr, nullptr}, {"悦", "yue", "悅", "月"},
    {"璇", "xuan", nullptr, "萱"}, {"瑶", "yao", "瑤", "遥"}, {"蕾", "lei", nullptr, "磊"},
    {"薇", "wei", nullptr, "微"}, {"梦", "meng", "夢", "萌"}, {"涵", "han", nullptr, "含"},
    {"诗", "shi", "詩", nullptr}, {"雨", "yu", nullptr, "语"}, {"萱", "xuan", nullptr, "轩"},
    {"淑", "shu", nullptr, "姝"}, {"凤", "feng", "鳳", "风"}, {"玉", "yu", nullptr, "钰"},
    {"珍", "zhen", nullptr, "真"}, {"月", "yue", nullptr, "悦"}, {"美", "mei", nullptr, "媚"},
    {"婉", "wan", nullptr, "宛"}, {"琪", "qi", nullptr, "琦"}, {"彤", "tong", nullptr, "桐"},
    {"馨", "xin", nullptr, "欣"}, {"妍", "yan", nullptr, "研"}, {"蓉", "rong", nullptr, "榕"},
    {"露", "lu", nullptr, "璐"}, {"菲", "fei", nullptr, "飞"}, {"楠", "nan", nullptr, "男"},
    {"可", "ke", nullptr, nullptr}, {"晴", "qing", nullptr, "清"}, {"岚", "lan", "嵐", "兰"},
    {"紫", "zi", nullptr, "子"}, {"若", "ruo", nullptr, nullptr}, {"曦", "xi", nullptr, "熙"},
    {"诺", "nuo", "諾", nullptr}, {"桐", "tong", nullptr, "彤"}, {"素", "su", nullptr, "苏"},
    {"芬", "fen", nullptr, "纷"}, {"语", "yu", "語", "雨"}, {"嫣", "yan", nullptr, "焉"},
};

const GivenChar kMaleSingle[] = {
    {"伟", 200}, {"磊", 70}, {"勇", 60}, {"军", 60}, {"杰", 58}, {"涛", 55}, {"强", 55}, {"斌", 45},
    {"超", 45},  {"鹏", 44}, {"刚", 42}, {"平", 40}, {"辉", 40}, {"波", 38}, {"浩", 36}, {"明", 36},
    {"健", 32},  {"亮", 32}, {"飞", 30}, {"鑫", 30}, {"宇", 30}, {"峰", 28}, {"凯", 26}, {"帅", 24},
    {"俊", 24},  {"旭", 22}, {"龙", 22}, {"阳", 22}, {"东", 20}, {"林", 18}, {"华", 18}, {"兵", 18},
    {"帆", 16},  {"宁", 16}, {"晨", 15}, {"毅", 14}, {"翔", 14}, {"锋", 12}, {"坤", 12}, {"雷", 12},
    {"洋", 12},  {"彬", 10}, {"昊", 10}, {"睿", 10}, {"博", 10}, {"松", 8},  {"胜", 8},  {"振", 8},
};

const GivenChar kFemaleSingle[] = {
    {"芳", 170}, {"娜", 80}, {"敏", 75}, {"静", 75}, {"丽", 70}, {"艳", 60}, {"燕", 55}, {"霞", 50},
    {"玲", 48},  {"婷", 48}, {"洁", 40}, {"红", 40}, {"梅", 38}, {"琳", 36}, {"莉", 34}, {"雪", 32},
    {"慧", 30},  {"颖", 30}, {"倩", 30}, {"丹", 28}, {"萍", 28}, {"娟", 28}, {"琴", 26}, {"英", 24},
    {"晶", 22},  {"欣", 22}, {"佳", 18}, {"璐", 16}, {"蕾", 16}, {"薇", 14}, {"云", 14}, {"兰", 12},
    {"雯", 12},  {"悦", 12}, {"瑶", 12}, {"楠", 12}, {"露", 10}, {"菲", 10}, {"蓉", 10}, {"晴", 10},
    {"彤", 8},   {"琪", 8},  {"妍", 8},  {"岚", 6},  {"怡", 6},  {"涵", 6},
};

const GivenChar kMaleLead[] = {
    {"志", 40}, {"建", 40}, {"俊", 30}, {"子", 30}, {"浩", 26}, {"宇", 24}, {"文", 24}, {"明", 22},
    {"国", 22}, {"海", 20}, {"天", 18}, {"家", 18}, {"嘉", 14}, {"晓", 16}, {"博", 12}, {"思", 10},
    {"一", 10}, {"永", 14}, {"德", 10}, {"泽", 10}, {"立", 8},  {"振", 8},  {"鸿", 8},  {"宏", 8},
    {"成", 8},  {"东", 8},  {"金", 6},  {"长", 6},  {"春", 6},  {"新", 6},  {"卫", 6},  {"学", 6},
};

const GivenChar kFemaleLead[] = {
    {"晓", 36}, {"雨", 28}, {"欣", 26}, {"思", 24}, {"佳", 24}, {"子", 22}, {"梦", 18}, {"诗", 16},
    {"美", 16}, {"丽", 22}, {"秀", 20}, {"玉", 18}, {"淑", 12}, {"雪", 14}, {"婉", 10}, {"慧", 14},
    {"一", 10}, {"可", 10}, {"紫", 8},  {"若", 8},  {"海", 8},  {"春", 10}, {"红", 12}, {"静", 12},
    {"文", 10}, {"月", 6},  {"小", 10}, {"艳", 8},  {"凤", 6},  {"桂", 6},
};

const GenerationName kGenerationNames[] = {
    // Born before 1966.
    {"建国", 'M', 0}, {"建华", 'M', 0}, {"国强", 'M', 0}, {"建军", 'M', 0}, {"国庆", 'M', 0},
    {"志强", 'M', 0}, {"德明", 'M', 0}, {"福生", 'M', 0}, {"长春", 'M', 0}, {"金生", 'M', 0},
    {"建平", 'M', 0}, {"卫东", 'M', 0}, {"红军", 'M', 0}, {"学军", 'M', 0}, {"永生", 'M', 0},
    {"秀英", 'F', 0}, {"桂英", 'F', 0}, {"玉兰", 'F', 0}, {"秀兰", 'F', 0}, {"淑珍", 'F', 0},
    {"凤英", 'F', 0}, {"秀珍", 'F', 0}, {"玉梅", 'F', 0}, {"桂兰", 'F', 0}, {"秀云", 'F', 0},
    {"素芬", 'F', 0}, {"丽华", 'F', 0}, {"美华", 'F', 0}, {"玉珍", 'F', 0}, {"桂芳", 'F', 0},
    // Born 1966-1985.
    {"志伟", 'M', 1}, {"海涛", 'M', 1}, {"建伟", 'M', 1}, {"晓东", 'M', 1}, {"俊峰", 'M', 1},
    {"永强", 'M', 1}, {"立新", 'M', 1}, {"建新", 'M', 1}, {"海军", 'M', 1}, {"春雷", 'M', 1},
    {"文斌", 'M', 1}, {"晓明", 'M', 1}, {"志刚", 'M', 1}, {"国华", 'M', 1}, {"振华", 'M', 1},
    {"海燕", 'F', 1}, {"丽娟", 'F', 1}, {"晓燕", 'F', 1}, {"丽丽", 'F', 1}, {"红梅", 'F', 1},
    {"春燕", 'F', 1}, {"晓红", 'F', 1}, {"小红", 'F', 1}, {"艳红", 'F', 1}, {"丽萍", 'F', 1},
    {"雪梅", 'F', 1}, {"慧敏", 'F', 1}, {"晓丽", 'F', 1}, {"美玲", 'F', 1}, {"秀梅", 'F', 1},
    // Born after 1985.
    {"子轩", 'M', 2}, {"浩然", 'M', 2}, {"宇轩", 'M', 2}, {"梓豪", 'M', 2}, {"俊杰", 'M', 2},
    {"浩宇", 'M', 2}, {"思远", 'M', 2}, {"博文", 'M', 2}, {"一鸣", 'M', 2}, {"天佑", 'M', 2},
    {"家豪", 'M', 2}, {"明轩", 'M', 2}, {"皓轩", 'M', 2}, {"子豪", 'M', 2}, {"睿泽", 'M', 2},
    {"欣怡", 'F', 2}, {"梓涵", 'F', 2}, {"雨萱", 'F', 2}, {"诗涵", 'F', 2}, {"子涵", 'F', 2},
    {"一诺", 'F', 2}, {"雨桐", 'F', 2}, {"思雨", 'F', 2}, {"佳怡", 'F', 2}, {"梦瑶", 'F', 2},
    {"可馨", 'F', 2}, {"紫涵", 'F', 2}, {"若曦", 'F', 2}, {"语嫣", 'F', 2}, {"诗琪", 'F', 2},
};

const LatinName kLatinFirst[] = {
    {"John", 'M'},    {"Michael", 'M'}, {"David", 'M'},  {"James", 'M'},   {"Robert", 'M'},
    {"William", 'M'}, {"Thomas", 'M'},  {"Daniel", 'M'}, {"Paul", 'M'},    {"Mark", 'M'},
    {"Peter", 'M'},   {"Andrew", 'M'},  {"Kevin", 'M'},  {"Lukas", 'M'},   {"Pierre", 'M'},
    {"Carlos", 'M'},  {"Alexei", 'M'},  {"Hiroshi", 'M'}, {"Kenji", 'M'},  {"Minjun", 'M'},
    {"Ahmed", 'M'},   {"Rahul", 'M'},   {"Marco", 'M'},  {"Ivan", 'M'},    {"Lucas", 'M'},
    {"Maria", 'F'},   {"Anna", 'F'},    {"Sarah", 'F'},  {"Emma", 'F'},    {"Laura", 'F'},
    {"Sophie", 'F'},  {"Julia", 'F'},   {"Elena", 'F'},  {"Olga", 'F'},    {"Natalia", 'F'},
    {"Yuki", 'F'},    {"Sakura", 'F'},  {"Jiwoo", 'F'},  {"Priya", 'F'},   {"Fatima", 'F'},
    {"Isabella", 'F'}, {"Chloe", 'F'},  {"Hannah", 'F'}, {"Camille", 'F'}, {"Giulia", 'F'},
};

const LatinName kLatinFamily[] = {
    {"Smith", 0},    {"Johnson", 0},  {"Williams", 0}, {"Brown", 0},    {"Jones", 0},
    {"Garcia", 0},   {"Miller", 0},   {"Davis", 0},    {"Rodriguez", 0}, {"Martinez", 0},
    {"Wilson", 0},   {"Anderson", 0}, {"Taylor", 0},   {"Thomas", 0},   {"Moore", 0},
    {"Müller", 0},   {"Schmidt", 0},  {"Schneider", 0}, {"Dubois", 0},  {"Martin", 0},
    {"Rossi", 0},    {"Bianchi", 0},  {"Ivanov", 0},   {"Petrova", 0},  {"Tanaka", 0},
    {"Suzuki", 0},   {"Sato", 0},     {"Kim", 0},      {"Park", 0},     {"Lee", 0},
    {"Nguyen", 0},   {"Tran", 0},     {"Silva", 0},    {"Santos", 0},   {"Khan", 0},
    {"Singh", 0},    {"Sharma", 0},   {"Kowalski", 0}, {"Novak", 0},    {"O'Brien", 0},
};

const Country kPassportCountries[] = {
    {"US", "United States", "美国", 18}, {"GB", "United Kingdom", "英国", 8}, {"DE", "Germany", "德国", 8},
    {"FR", "France", "法国", 6},         {"JP", "Japan", "日本", 12},         {"KR", "South Korea", "韩国", 14},
    {"RU", "Russia", "俄罗斯", 8},       {"IT", "Italy", "意大利", 4},        {"ES", "Spain", "西班牙", 4},
    {"IN", "India", "印度", 6},          {"VN", "Vietnam", "越南", 4},        {"BR", "Brazil", "巴西", 3},
    {"CA", "Canada", "加拿大", 5},       {"AU", "Australia", "澳大利亚", 5},  {"PK", "Pakistan", "巴基斯坦", 2},
    {"PL", "Poland", "波兰", 2},
};

const Country kRoamingDestinations[] = {
    {"HK", "Hong Kong", "中国香港", 20}, {"MO", "Macao", "中国澳门", 8},   {"JP", "Japan", "日本", 16},
    {"KR", "South Korea", "韩国", 10},   {"TH", "Thailand", "泰国", 14},   {"SG", "Singapore", "新加坡", 8},
    {"MY", "Malaysia", "马来西亚", 6},   {"US", "United States", "美国", 6}, {"GB", "United Kingdom", "英国", 3},
    {"FR", "France", "法国", 3},         {"AU", "Australia", "澳大利亚", 3}, {"VN", "Vietnam", "越南", 5},
    {"AE", "United Arab Emirates", "阿联酋", 2}, {"DE", "Germany", "德国", 3},
};

} // namespace

Table<Surname> surnames() { return {kSurnames, std::size(kSurnames)}; }
Table<NameChar> nameChars() { return {kNameChars, std::size(kNameChars)}; }
Table<GivenChar> maleSingleNames() { return {kMaleSingle, std::size(kMaleSingle)}; }
Table<GivenChar> femaleSingleNames() { return {kFemaleSingle, std::size(kFemaleSingle)}; }
Table<GivenChar> maleLeadChars() { return {kMaleLead, std::size(kMaleLead)}; }
Table<GivenChar> femaleLeadChars() { return {kFemaleLead, std::size(kFemaleLead)}; }
Table<GenerationName> generationNames() { return {kGenerationNames, std::size(kGenerationNames)}; }
Table<LatinName> latinFirstNames() { return {kLatinFirst, std::size(kLatinFirst)}; }
Table<LatinName> latinFamilyNames() { return {kLatinFamily, std::size(kLatinFamily)}; }
Table<Country> passportCountries() { return {kPassportCountries, std::size(kPassportCountries)}; }
Table<Country> roamingDestinations() { return {kRoamingDestinations, std::size(kRoamingDestinations)}; }

} // namespace telcodesk::demo
