package rhix.synthetic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Common surnames and given-name characters with their toneless pinyin. Given characters come in
 * homophone groups (伟/卫/维 wei), so that identity noise can swap a character without changing
 * how the name sounds, as a clerk taking a name by ear does.
 */
final class ChineseNames {

    record Syllable(String character, String pinyin) {
    }

    private static final List<Syllable> SURNAMES = parse(
            "王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu 郭guo 何he 高gao 林lin 罗luo "
                    + "郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao 彭peng 曾zeng 肖xiao 田tian 董dong 袁yuan "
                    + "潘pan 于yu 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su 魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui "
                    + "钟zhong 谭tan 陆lu 汪wang 范fan 金jin 石shi 廖liao 贾jia 夏xia 韦wei 方fang 邹zou 熊xiong 孟meng 秦qin 邱qiu "
                    + "江jiang 尹yin 薛xue 闫yan 段duan 雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao 万wan "
                    + "钱qian 严yan 覃qin 武wu 戴dai 莫mo 孔kong 向xiang 欧阳ouyang 司马sima");

    private static final List<Syllable> GIVEN = parse(
            "伟wei 卫wei 维wei 丽li 莉li 俐li 静jing 敬jing 晶jing 明ming 鸣ming 铭ming 华hua 桦hua 杰jie 洁jie 婕jie "
                    + "芳fang 方fang 敏min 闽min 军jun 君jun 俊jun 磊lei 蕾lei 强qiang 蔷qiang 洋yang 阳yang 扬yang 勇yong 永yong "
                    + "艳yan 燕yan 雁yan 娟juan 涓juan 霞xia 峡xia 平ping 萍ping 刚gang 钢gang 玲ling 琳lin 林lin 淋lin 斌bin 彬bin "
                    + "辉hui 慧hui 惠hui 建jian 健jian 剑jian 红hong 虹hong 宏hong 鹏peng 朋peng 飞fei 菲fei 波bo 博bo 涛tao 韬tao "
                    + "英ying 颖ying 莹ying 秀xiu 梅mei 玫mei 超chao 浩hao 昊hao 宇yu 雨yu 羽yu 欣xin 新xin 馨xin 婷ting 亭ting "
                    + "文wen 雯wen 海hai 凯kai 楷kai 佳jia 嘉jia 家jia 子zi 梓zi 涵han 晗han 轩xuan 萱xuan 怡yi 仪yi 诗shi 思si "
                    + "国guo 志zhi 智zhi 春chun 秋qiu 冬dong 东dong 兰lan 岚lan 晓xiao 小xiao 荣rong 蓉rong 成cheng 诚cheng 瑞rui 睿rui");

    private static final Map<String, List<Syllable>> HOMOPHONES = new HashMap<>();

    static {
        for (Syllable syllable : GIVEN) {
            HOMOPHONES.computeIfAbsent(syllable.pinyin(), key -> new ArrayList<>()).add(syllable);
        }
    }

    static Syllable surname(SplittableRandom random) {
        // Real surname frequencies are steep: the first ten cover about 40% of people.
        int index = random.nextInt(100) < 40 ? random.nextInt(10) : random.nextInt(SURNAMES.size());
        return SURNAMES.get(index);
    }

    static Syllable given(SplittableRandom random) {
        return GIVEN.get(random.nextInt(GIVEN.size()));
    }

    /** Another character read the same way, or the same one when it has no homophone here. */
    static Syllable homophoneOf(Syllable syllable, SplittableRandom random) {
        List<Syllable> group = HOMOPHONES.getOrDefault(syllable.pinyin(), List.of(syllable)).stream()
                .filter(candidate -> !candidate.character().equals(syllable.character())).toList();
        return group.isEmpty() ? syllable : group.get(random.nextInt(group.size()));
    }

    static boolean hasHomophone(Syllable syllable) {
        return HOMOPHONES.getOrDefault(syllable.pinyin(), List.of()).size() > 1;
    }

    static Syllable lookup(String character) {
        return GIVEN.stream().filter(syllable -> syllable.character().equals(character)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown given-name character " + character));
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
