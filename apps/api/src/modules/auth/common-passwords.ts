/**
 * Passwords of 8 characters or more that are among the most used, lower-cased. Taken from
 * SecLists (github.com/danielmiessler/SecLists, MIT): Passwords/Common-Credentials/
 * 10-million-password-list-top-10000.txt (first ~1,900 entries) and Language-Specific/
 * Chinese-common-password-list-top-1000.txt, keeping those of at least MIN_PASSWORD_LENGTH
 * characters (shorter ones are refused anyway), without the obscene ones. NIST SP 800-63B
 * §3.1.1.2 asks to refuse passwords found in lists of commonly used or breached ones.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
    123456789 12345678 11111111 123123123 1234567890 woaini1314 88888888 00000000 password qq123456
    147258369 a123456789 123456abc 987654321 iloveyou 31415926 123456789a 1qaz2wsx aa123456 1q2w3e4r
    789456123 woaini123 abc123456 woaini520 25257758 123698745 1111111111 woaiwojia 123456aa
    asd123456 11223344 5845211314 woaini521 3.1415926 qwertyuiop 123456qq wmsxie123 abcd1234
    beijing2008 5845201314 asdfghjkl qazwsxedc 741852963 123456123 5201314520 12301230 123654789
    qweasdzxc zxcvbnm123 woainima qwe123456 aini1314 0123456789 xiaoxiao 111111111 0000000000
    woshishui 12341234 yangyang 520520520 zhang123 asdasdasd 963852741 buzhidao 1234qwer 5841314520
    110110110 asdfasdf hao123456 135792468 584131421 1357924680 12344321 1q2w3e4r5t 123456987
    as123456 111222333 123321123 adminfan wangyut2 999999999 qwer1234 369258147 1233211234567
    zlmalm03 qq123123 12369874 a1234567 110120119 q1w2e3r4 147896325 521521521 147852369 12345678910
    123456asd 25251325 12121212 5201314a 584131420 q123456789 1123581321 9876543210 321321321
    sunshine 123456123456 asdf1234 zhangwei 87654321 qq5201314 12345600 20082008 qaz123456
    123456789q woailaopo wojiushiwo 100200300 wangjian 110120130 1234abcd 123qweasd 7894561230
    77585210 1qazxsw2 74108520 584201314 sunliu66 qazwsx123 jingjing aptx4869 a12345678 20080808
    a1314520 zhanglei computer 1234567890123 1234554321 qq123456789 123456aaa 22222222 123456789123
    5841314521 11112222 qq111111 7708801314520 134679852 zhangjian woaiwoziji 123456qwe 123456654321
    aaa123456 18n28n24a5 aaaaaaaa 2008520085 qw123456 wangyang 000000000 12qwaszx superman 66666666
    1hxboqg2s a123456a a1b2c3d4 xiaolong 123789456 123456..  321654987 13141314 14789632 love1314
    xiaoqiang abcd123456 7758521521 li123456 123456789.  tiantian 1122334455 z123456789 jiushiaini
    woshishei wangjing xiaofeng dongdong zhendeaini 13145200 wodemima yuanyuan a7758521 zhangjie
    1a2b3c4d wobuzhidao 112233445566 zx123456 longlong 12345678a 1314520520 7758521a 12345678900
    16897168 princess 12345679 19861010 wang123456 chenchen football 171204jg w123456789 huang123
    19841010 zhanghao 1234567a 584211314 1234567899 qwertyui shanshan q1w2e3r4t5 mingming woshishen
    19841020 123456789abc qweqweqwe 99999999 zhangyang 19861020 wangchao 110119120 52013140 19851010
    qqqqqqqq 74107410 woshizhu internet zhangyan 3141592653 wangpeng meiyoumima operation michelle
    0987654321 zhangjun 123456000 zhangxin 123456789qq 123123qq 33333333 789632145 zz123456 1029384756
    456456456 11235813 liu123456 tingting qq1314520 123456ab jianjian 9638527410 nishizhu wangqiang
    huanhuan laopo521 19491001 85208520 laopo520 shanghai 7215217758991 zhangqiang 12345qwert 12312300
    zhangjing chenjian 123123456 159357456 nihao123 1472583690 123456789z miaomiao shangxin 51201314
    1887415157 456789123 1234512345 qweasd123 10101010 lovelove wo123456 nishiwode 123698741 123456qaz
    qwerasdf 789654123 01230123 520131400 qianqian 987456321 zhang520 zhangpeng 789789789 bugaosuni
    5201314qq zhangkai zhanghui 123123aa zhangliang q5201314 xingxing 52013145201314 wanggang wangfeng
    wangshuai jennifer wangliang 51392010 abc123456789 77585211314 qwert12345 123qwe123 3141592654
    zhangbin huangwei menghuan a7758258 nishishui zhangtao 5211314521 123123123123 zhangchao imissyou
    liangliang jiaojiao yangjian 775852100 369369369 nuttertools asdf123456 zhimakaimen woxiangni
    53231323 1314520a aa5201314 xiaojian a1s2d3f4 12332100 77777777 8008208820 wz112233 yingying
    wozhiaini 52013141314 1234567891 woaimama ww123456 1231512315 mengmeng woainimama wodezuiai
    963258741 xiaoming lingling 52001314 woaini5201314 baseball trustno1 starwars samantha whatever
    maverick mercedes hardcore midnight bigdaddy victoria password1 qwerty123 slipknot startrek
    liverpool dolphins nicholas elephant mountain xxxxxxxx metallic benjamin asdfghjk 4815162342
    passw0rd 69696969 01012011 brooklyn platinum darkness blink182 snowball nintendo lasvegas
    babygirl explorer snickers metallica carolina lacrosse christin kimberly kristina poohbear
    drowssap einstein spitfire maryjane champion westside courtney security scarface cherokee
    veronica semperfi scotland marshall qwerty12 98765432 softball passport franklin 55555555
    zaq12wsx infinity kawasaki vladimir freeuser wildcats budlight brittany bulldogs swordfis
    pearljam colorado ncc1701d motorola firebird panthers elizabet spiderma virginia valentin
    predator mitchell rolltide changeme fktrcfylh loverboy chevelle cardinal michael1 american
    alexandr electric wolfpack spiderman darkside 01011980 freepass fyfcnfcbz lawrence chocolat
    business cjkysirj serenity greenday charlie1 sterling password123 hercules tarheels remember
    basketball zeppelin swimming pavilion engineer 21122112 darkstar icecream hellfire fireball
    defender swordfish airforce abcdefgh srinivas bluebird presario wrangler precious harrison
    goldfish thailand longhorn 123qweasdzxc wordpass letmein1 assassin testtest microsoft devildog
    valentina butterfly lonewolf babydoll atlantis angelina shamrock hotstuff mistress cavalier
    veronika mustang1 goldberg wolfgang leonardo basketba cristina aardvark sweetpea 13131313 freedom1
    fredfred manchester kathleen hamilton enterpri diamonds morpheus babylon5 buckeyes 1qaz2wsx3edc
    stephani thuglife napoleon highland trfnthbyf consumer welcome1 wrinkle1 elizabeth 51505150
    butterfl sherlock marathon overlord trombone isabelle barcelona ultimate superfly q1w2e3r4t5y6
    jessica1 123454321 portugal pleasure qazxswedc kingkong adgjmptw ghbdtnbr super123 aleksandr
    rhbcnbyf dietcoke cooldude christop lollipop fernando christian punkrock cdtnkfyf tottenha
    hongkong zzzzzzzz hollywoo gn56gn56 matthew1 44444444 makaveli sebastia charlott anthony1
    satan666 columbia skywalke seinfeld qazwsxed wolverine 1q2w3e4r5t6y stardust shaney14 qwerty12345
    intrepid sandiego starcraft 192837465 25802580 ekaterina
  `
    .split(/\s+/)
    .filter(Boolean),
);
