#include "datasets/generator/names.h"

#include <array>
#include <vector>

namespace vetmatch::gen {
namespace {

struct Weighted {
  std::string_view text;
  int weight;
};

// Common surnames, weighted roughly by frequency.
constexpr Weighted kSurnames[] = {
    {"王", 72},  {"李", 70}, {"张", 66}, {"刘", 54}, {"陈", 48}, {"杨", 34},
    {"赵", 21},  {"黄", 16}, {"周", 16}, {"吴", 15}, {"徐", 13}, {"孙", 12},
    {"胡", 10},  {"朱", 10}, {"高", 10}, {"林", 9},  {"何", 9},  {"郭", 9},
    {"马", 9},   {"罗", 7},  {"梁", 7},  {"宋", 6},  {"郑", 6},  {"谢", 5},
    {"韩", 5},   {"唐", 5},  {"冯", 5},  {"于", 5},  {"董", 5},  {"程", 4},
    {"曹", 4},   {"袁", 4},  {"邓", 4},  {"许", 4},  {"傅", 3},  {"沈", 3},
    {"曾", 3},   {"彭", 3},  {"吕", 3},  {"苏", 3},  {"卢", 3},  {"蒋", 3},
    {"蔡", 3},   {"贾", 3},  {"丁", 3},  {"魏", 3},  {"薛", 2},  {"叶", 2},
    {"阎", 2},   {"余", 2},  {"潘", 2},  {"杜", 2},  {"戴", 2},  {"夏", 2},
    {"钟", 2},   {"汪", 2},  {"田", 2},  {"任", 2},  {"姜", 2},  {"范", 2},
    {"方", 2},   {"石", 2},  {"姚", 2},  {"谭", 2},  {"廖", 1},  {"邹", 1},
    {"熊", 1},   {"金", 1},  {"陆", 1},  {"郝", 1},  {"孔", 1},  {"白", 1},
    {"崔", 1},   {"康", 1},  {"毛", 1},  {"邱", 1},  {"秦", 1},  {"江", 1},
    {"史", 1},   {"顾", 1},  {"侯", 1},  {"邵", 1},  {"孟", 1},  {"龙", 1},
    {"段", 1},   {"雷", 1},  {"钱", 1},  {"汤", 1},  {"尹", 1},  {"武", 1},
    {"乔", 1},   {"贺", 1},  {"常", 1},  {"申", 1},  {"牛", 1},  {"靳", 1},
    {"司马", 1}, {"欧阳", 1}};

constexpr std::string_view kMaleChars[] = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉",
    "鹏", "华", "飞", "鑫", "波", "斌", "宇", "浩", "凯", "健", "俊", "帅",
    "亮", "建", "国", "峰", "林", "龙", "东", "海", "振", "兵", "志", "晓",
    "文", "博", "阳", "新", "永", "立", "卫", "庆", "祥", "成", "锋", "瑞",
    "泽", "旭", "晨", "航", "毅", "铭", "宏", "德", "玉", "春", "利", "民"};
constexpr std::string_view kFemaleChars[] = {
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪",
    "慧", "莉", "萍", "红", "梅", "琳", "颖", "洁", "倩", "琴", "云", "欣",
    "佳", "悦", "璐", "晶", "薇", "秀", "英", "兰", "凤", "春", "月", "丹",
    "晓", "文", "雅", "思", "宁", "瑶", "蕾", "楠", "爽", "菲", "蓉", "荣"};

// Trade names (字号) common in company names, several veteran-themed.
constexpr std::string_view kTradeNames[] = {
    "恒信", "华泰", "宏达", "鑫源", "盛通", "金泰", "瑞丰", "永兴", "天成",
    "博远", "中誉", "安达", "泰和", "广源", "佳禾", "汇通", "铭诚", "远航",
    "卓越", "润丰", "嘉诚", "正和", "德信", "立信", "宏图", "兴业", "利民",
    "军安", "砺剑", "铁军", "戎耀", "军创", "八一", "卫国", "长城", "红星",
    "赵都", "丛台", "冀南", "太行", "滏阳", "漳河", "新兴", "众合", "鼎盛",
    "凯达", "诚信", "同创", "顺达", "金盾", "银河", "华夏", "万通", "荣达"};

struct TradeWords {
  std::string_view industry;
  std::array<std::string_view, 3> words;
};

// What a company in each industry calls its trade.
constexpr TradeWords kTradeWords[] = {
    {"culture_media", {"文化传媒", "影视传媒", "广告"}},
    {"education_training", {"教育科技", "职业培训", "文化教育"}},
    {"electronics_tech", {"电子科技", "智能科技", "电子"}},
    {"construction", {"建筑工程", "建设", "路桥工程"}},
    {"manufacturing", {"机械制造", "装备制造", "钢铁"}},
    {"logistics", {"物流", "供应链管理", "仓储服务"}},
    {"security", {"保安服务", "安保服务", "押运"}},
    {"healthcare", {"医院", "医疗器械", "健康管理"}},
    {"catering", {"餐饮管理", "餐饮", "食品"}},
    {"it_services", {"信息技术", "网络科技", "软件"}},
    {"energy", {"新能源", "电力工程", "热力"}},
    {"property_services", {"物业服务", "物业管理", "城市服务"}},
    {"transport", {"运输", "汽车运输", "公交"}},
    {"retail", {"商贸", "超市", "电子商务"}},
    {"agriculture", {"农业科技", "种养殖专业合作社", "生态农业"}},
    {"telecom", {"通信工程", "通信技术", "信息通信"}},
    {"automotive", {"汽车销售服务", "汽车维修", "汽车服务"}},
    {"emergency_rescue", {"应急救援服务", "安全技术服务", "消防技术服务"}},
    {"elderly_care", {"养老服务", "康养", "家政服务"}},
    {"finance", {"金融服务", "保险代理", "融资担保"}},
    {"hospitality", {"酒店管理", "旅游开发", "文旅"}},
    {"mining", {"矿业", "煤业", "矿山工程"}},
    {"public_services", {"社会服务", "城市管理服务", "公共事业"}},
};

constexpr std::string_view kForms[] = {"有限公司",     "有限公司",
                                       "有限公司",     "有限责任公司",
                                       "股份有限公司", "集团有限公司"};

template <typename T, std::size_t N>
const T& pick(Rng& rng, const T (&items)[N]) {
  return items[rng.below(N)];
}

std::string_view trade_word(Rng& rng, std::string_view industry_id,
                            std::string_view industry_zh) {
  for (const TradeWords& t : kTradeWords) {
    if (t.industry == industry_id) return t.words[rng.below(t.words.size())];
  }
  return industry_zh;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string person_name(Rng& rng, bool female) {
  static const std::vector<int> weights = [] {
    std::vector<int> w;
    for (const Weighted& s : kSurnames) w.push_back(s.weight);
    return w;
  }();
  std::string name(kSurnames[rng.weighted(weights)].text);
  const bool two = rng.chance(650);
  if (female) {
    name += pick(rng, kFemaleChars);
    if (two) name += pick(rng, kFemaleChars);
  } else {
    name += pick(rng, kMaleChars);
    if (two) name += pick(rng, kMaleChars);
  }
  return name;
}

std::string short_place_name(std::string_view name) {
  // UTF-8: each CJK character here is 3 bytes.
  for (std::string_view suffix :
       {"经济技术开发区", "新区", "矿区", "区", "市", "县"}) {
    if (ends_with(name, suffix) && name.size() - suffix.size() >= 6) {
      return std::string(name.substr(0, name.size() - suffix.size()));
    }
  }
  return std::string(name);
}

std::string organisation_name(Rng& rng, EmployerKind kind,
                              std::string_view place,
                              std::string_view industry_id,
                              std::string_view industry_zh) {
  std::string name(place);
  switch (kind) {
    case EmployerKind::kEnterprise:
      name += pick(rng, kTradeNames);
      name += trade_word(rng, industry_id, industry_zh);
      name += pick(rng, kForms);
      break;
    case EmployerKind::kIncubationBase: {
      constexpr std::string_view kBases[] = {"退役军人创业孵化基地",
                                             "退役军人返乡创业园", "军创园",
                                             "退役军人创业园", "众创空间"};
      const std::string_view base = pick(rng, kBases);
      if (base == "众创空间" || base == "军创园")
        name += pick(rng, kTradeNames);
      name += base;
      break;
    }
    case EmployerKind::kTrainingBase: {
      constexpr std::string_view kBases[] = {
          "职业技能培训学校", "退役军人就业实训基地", "职业培训中心",
          "退役军人教育培训基地", "技工学校"};
      name += pick(rng, kTradeNames);
      name += pick(rng, kBases);
      break;
    }
  }
  return name;
}

}  // namespace vetmatch::gen
