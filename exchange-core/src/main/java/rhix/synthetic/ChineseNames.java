package rhix.synthetic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import rhix.identity.Gender;

/**
 * Common surnames and given-name characters with their toneless pinyin (ü written v, as pinyin
 * input methods and most hospital systems do). Characters come in homophone groups (伟/卫/维 wei,
 * 徐/许 xu) so that identity noise can swap one without changing how the name sounds, as a clerk
 * taking a name by ear does.
 */
final class ChineseNames {

    record Syllable(String character, String pinyin) {
    }

    /** About a hundred surnames, most frequent first. */
    private static final List<Syllable> SURNAMES = parse(
            "王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 高gao "
                    + "林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao 彭peng 曾zeng 肖xiao 田tian "
                    + "董dong 袁yuan 潘pan 于yu 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su 魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu "
                    + "姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin 石shi 廖liao 贾jia 夏xia 韦wei 方fang 邹zou 熊xiong 孟meng "
                    + "秦qin 邱qiu 江jiang 尹yin 薛xue 闫yan 段duan 雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong "
                    + "邵shao 万wan 钱qian 严yan 覃qin 武wu 戴dai 莫mo 孔kong 向xiang 应ying 楼lou 欧阳ouyang 司马sima");

    private static final List<Syllable> MALE_GIVEN = parse(
            "伟wei 卫wei 维wei 明ming 鸣ming 铭ming 杰jie 军jun 俊jun 峻jun 磊lei 强qiang 刚gang 钢gang 勇yong 永yong "
                    + "斌bin 彬bin 辉hui 建jian 健jian 剑jian 鹏peng 朋peng 飞fei 波bo 博bo 涛tao 韬tao 超chao 浩hao 昊hao "
                    + "宇yu 禹yu 轩xuan 国guo 志zhi 智zhi 成cheng 诚cheng 承cheng 东dong 栋dong 海hai 凯kai 楷kai 龙long 隆long "
                    + "霖lin 亮liang 良liang 平ping 辰chen 晨chen 帆fan 凡fan 锋feng 峰feng 毅yi 义yi 武wu 豪hao 彪biao 虎hu "
                    + "兵bing 冰bing 坤kun 昆kun 旭xu 煦xu");

    private static final List<Syllable> FEMALE_GIVEN = parse(
            "丽li 莉li 俐li 静jing 婧jing 晶jing 洁jie 婕jie 芳fang 敏min 闽min 艳yan 燕yan 雁yan 娟juan 涓juan 霞xia "
                    + "玲ling 铃ling 琳lin 红hong 虹hong 英ying 颖ying 莹ying 秀xiu 梅mei 玫mei 婷ting 亭ting 雯wen 怡yi 仪yi "
                    + "诗shi 兰lan 岚lan 蓉rong 萱xuan 璇xuan 欣xin 馨xin 悦yue 月yue 慧hui 惠hui 蕾lei 萍ping 娜na 倩qian "
                    + "茜qian 薇wei 微wei 丹dan 凤feng 琴qin 芹qin 淑shu 舒shu 媛yuan 园yuan 菲fei 霏fei 露lu 璐lu");

    private static final List<Syllable> NEUTRAL_GIVEN = parse(
            "晓xiao 小xiao 子zi 梓zi 涵han 晗han 雨yu 羽yu 新xin 心xin 家jia 佳jia 嘉jia 安an 宁ning 凝ning 华hua 桦hua "
                    + "春chun 秋qiu 冬dong 思si 斯si 一yi 艺yi 乐le 天tian 添tian 清qing 青qing 庆qing 振zhen 阳yang 洋yang "
                    + "扬yang 敬jing 方fang 君jun 瑞rui 睿rui 锐rui 泽ze 金jin 锦jin 瑾jin 文wen 荣rong 林lin 玉yu 云yun 芸yun");

    private static final List<Syllable> ALL_GIVEN;
    private static final Map<String, List<Syllable>> HOMOPHONES = new HashMap<>();

    static {
        List<Syllable> all = new ArrayList<>(MALE_GIVEN);
        all.addAll(FEMALE_GIVEN);
        all.addAll(NEUTRAL_GIVEN);
        ALL_GIVEN = List.copyOf(all);
        Set<String> characters = new HashSet<>();
        for (Syllable syllable : ALL_GIVEN) {
            if (!characters.add(syllable.character())) {
                throw new IllegalStateException("given-name character listed twice: " + syllable.character());
            }
        }
        List<Syllable> everything = new ArrayList<>(ALL_GIVEN);
        // Single-character surnames join the groups too: 徐 and 许 are confused as often as 伟 and 卫.
        SURNAMES.stream().filter(surname -> surname.character().length() == 1).forEach(everything::add);
        for (Syllable syllable : everything) {
            List<Syllable> group = HOMOPHONES.computeIfAbsent(syllable.pinyin(), key -> new ArrayList<>());
            if (group.stream().noneMatch(member -> member.character().equals(syllable.character()))) {
                group.add(syllable);
            }
        }
    }

    static Syllable surname(SplittableRandom random) {
        // Real surname frequencies are steep: the ten commonest cover about 40% of people.
        int index = random.nextInt(100) < 40 ? random.nextInt(10) : random.nextInt(SURNAMES.size());
        return SURNAMES.get(index);
    }

    /** A given-name character: men's and women's names draw from their own list or the shared one. */
    static Syllable given(Gender gender, SplittableRandom random) {
        if (random.nextInt(3) == 0) {
            return NEUTRAL_GIVEN.get(random.nextInt(NEUTRAL_GIVEN.size()));
        }
        List<Syllable> list = gender == Gender.FEMALE ? FEMALE_GIVEN : MALE_GIVEN;
        return list.get(random.nextInt(list.size()));
    }

    /** Any given-name character other than {@code unlike}: what a slip on the candidate list picks. */
    static Syllable otherGiven(Syllable unlike, SplittableRandom random) {
        Syllable candidate;
        do {
            candidate = ALL_GIVEN.get(random.nextInt(ALL_GIVEN.size()));
        } while (candidate.pinyin().equals(unlike.pinyin()));
        return candidate;
    }

    static boolean hasHomophone(Syllable syllable) {
        return HOMOPHONES.getOrDefault(syllable.pinyin(), List.of()).size() > 1;
    }

    /** Another character read the same way; only call when {@link #hasHomophone} says there is one. */
    static Syllable homophoneOf(Syllable syllable, SplittableRandom random) {
        List<Syllable> others = HOMOPHONES.getOrDefault(syllable.pinyin(), List.of()).stream()
                .filter(candidate -> !candidate.character().equals(syllable.character())).toList();
        if (others.isEmpty()) {
            throw new IllegalArgumentException("no homophone of " + syllable.character());
        }
        return others.get(random.nextInt(others.size()));
    }

    /** The pinyin a hospital system stores: surname, a space, the given name's syllables run together. */
    static String pinyin(Syllable surname, List<Syllable> given) {
        StringBuilder pinyin = new StringBuilder(surname.pinyin()).append(' ');
        given.forEach(syllable -> pinyin.append(syllable.pinyin()));
        return pinyin.toString();
    }

    /**
     * The same pinyin spelled another way, as different systems and clerks do: upper case,
     * capitalised, no space, a space between every syllable, or ü as u. Always differs from the input.
     */
    static String pinyinVariant(Syllable surname, List<Syllable> given, SplittableRandom random) {
        String standard = pinyin(surname, given);
        List<String> variants = new ArrayList<>();
        variants.add(standard.toUpperCase(Locale.ROOT));
        variants.add(capitalised(surname.pinyin()) + " " + capitalised(standard.substring(surname.pinyin().length() + 1)));
        variants.add(standard.replace(" ", ""));
        if (given.size() > 1) {
            StringBuilder spaced = new StringBuilder(surname.pinyin());
            given.forEach(syllable -> spaced.append(' ').append(syllable.pinyin()));
            variants.add(spaced.toString());
        }
        if (standard.contains("v")) {
            variants.add(standard.replace('v', 'u'));
            variants.add(standard.replace("v", "ü"));
        }
        return variants.get(random.nextInt(variants.size()));
    }

    /** The table's entry for a character: given-name characters first, then surnames. */
    static java.util.Optional<Syllable> find(String character) {
        return java.util.stream.Stream.concat(ALL_GIVEN.stream(), SURNAMES.stream())
                .filter(syllable -> syllable.character().equals(character)).findFirst();
    }

    static int givenCharacterCount() {
        return ALL_GIVEN.size();
    }

    static int surnameCount() {
        return SURNAMES.size();
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static List<Syllable> parse(String table) {
        List<Syllable> syllables = new ArrayList<>();
        for (String entry : table.split(" ")) {
            int split = 0;
            while (entry.charAt(split) < 'a' || entry.charAt(split) > 'z') {
                split++;
            }
            syllables.add(new Syllable(entry.substring(0, split), entry.substring(split)));
        }
        return List.copyOf(syllables);
    }

    private ChineseNames() {
    }
}
