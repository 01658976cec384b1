"""Real, common items for persons (个人办事) as handled in Fujian, with their real legal basis.

Time limits are in working days unless a law counts natural days (身份证 60 日, 护照 15 日).
Fees are the national standards with the document that sets them; everything else is free.
"""

from .guide import Handling, ItemSpec, fee, guide, issued, material, standard_steps, step

ID_CARD = issued("居民身份证", "公安机关")
HOUSEHOLD_BOOK = issued("居民户口簿", "公安机关")
AGENT = material("授权委托书及受托人居民身份证", condition="委托他人代为办理的", form="paper")
PHOTO = material(
    "近期免冠彩色证件照片（可现场免费采集）", form="electronic", notes="白色背景，不着制式服装，不佩戴饰品"
)


def _id_card() -> ItemSpec:
    steps = [
        step("申请", "本人到户籍所在地或居住地公安机关户政窗口申请，现场采集人像和指纹", 0, "申请人"),
        step("受理", "核验身份、审核材料，出具受理回执", 0, "户政窗口民警"),
        step("审核", "户籍所在地公安机关审核签发", 3, "户政审核民警"),
        step("制证", "省公安厅集中制证", 5, "制证中心"),
        step("发证", "窗口领取或邮寄送达", 2, "户政窗口民警"),
    ]
    basis = "《中华人民共和国居民身份证法》第二十条；《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）"
    elements = guide(
        audiences=["person"],
        depth=3,
        statutory=60,
        statutory_unit="natural",
        promised=10,
        conditions="1. 具有中华人民共和国国籍并定居在中国境内的公民；\n2. 已在公安机关办理常住户口登记；\n"
        "3. 居民身份证有效期满、即将在三个月内期满，或者丢失、损坏的，应当申请换领、补领。",
        result="licence",
        result_name="中华人民共和国居民身份证",
        delivery=("window", "courier"),
        materials=[
            ID_CARD,
            HOUSEHOLD_BOOK,
            PHOTO,
            material("监护人居民身份证及监护关系证明", condition="未满十六周岁的，由监护人陪同申请"),
        ],
        steps=steps,
        themes=["household"],
        fees=[fee("居民身份证工本费", "20", basis)],
    )
    lost = dict(
        materials=[HOUSEHOLD_BOOK, PHOTO, material("居民身份证丢失情况说明（现场签字）", form="paper")],
        fees=[fee("居民身份证工本费（丢失补领、损坏换领）", "40", basis)],
    )
    return ItemSpec(
        "070020000001",
        "居民身份证核发",
        "07",
        "《中华人民共和国居民身份证法》第二条、第八条、第十一条、第二十条",
        "公安机关",
        "police",
        ("county",),
        elements,
        handling=(
            Handling("01", "首次申领", {"materials": [HOUSEHOLD_BOOK, PHOTO, elements["materials"][3]]}, 800),
            Handling("02", "到期换领", {}, 3200),
            Handling("03", "丢失补领", lost, 1500),
        ),
    )


def _household_move() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=4,
        statutory=None,
        promised=10,
        conditions="1. 符合迁入地落户政策（合法稳定住所、合法稳定就业、投靠亲属、人才引进等）；\n"
        "2. 跨省迁移的，可在迁入地公安机关一站式办理，无需回迁出地开具户口迁移证。",
        result="filing",
        result_name="户口迁移登记（居民户口簿）",
        delivery=("window", "courier"),
        materials=[
            ID_CARD,
            HOUSEHOLD_BOOK,
            material(
                "合法稳定住所证明（不动产权证书或住房租赁合同）", condition="以住所落户的", original="copy"
            ),
            material("劳动合同或营业执照", condition="以就业落户的", original="copy"),
            material("亲属关系证明", condition="投靠亲属落户的"),
            AGENT,
        ],
        steps=[
            step("申请", "向迁入地派出所户籍窗口或网上提出申请", 0, "申请人"),
            step("受理", "审核材料是否齐全", 1, "派出所户籍民警"),
            step("审核", "派出所审核落户条件", 4, "派出所"),
            step("审批", "公安局户政管理部门审批并办理迁入迁出", 5, "户政管理大队"),
        ],
        themes=["household"],
    )
    return ItemSpec(
        "070020000002",
        "户口迁移登记",
        "07",
        "《中华人民共和国户口登记条例》第十条、第十三条",
        "公安机关",
        "police",
        ("county",),
        elements,
        handling=(
            Handling("01", "省内迁入", {}, 300),
            Handling("02", "跨省迁入（跨省通办）", {"promised_limit": 20}, 150),
        ),
    )


def _passport() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=3,
        statutory=15,
        statutory_unit="natural",
        promised=7,
        conditions="1. 中国公民因前往外国定居、探亲、学习、就业、旅行、从事商务活动等非公务原因出国；\n"
        "2. 不属于《中华人民共和国出境入境管理法》第十二条规定不准出境的情形。",
        result="licence",
        result_name="中华人民共和国普通护照",
        delivery=("window", "courier"),
        materials=[
            ID_CARD,
            PHOTO,
            material("《中国公民出入境证件申请表》（现场填写或网上预填）", form="both"),
            issued(
                "本人所在单位或上级主管单位出具的同意出境意见",
                "人事主管部门",
                condition="登记备案的国家工作人员",
            ),
            material("监护人身份证明及监护关系证明", condition="未满十六周岁的"),
        ],
        steps=[
            step("申请", "到任一公安机关出入境窗口申请，采集指纹和照片", 0, "申请人"),
            step("受理", "核验身份、审核材料，收取证件费", 0, "出入境窗口民警"),
            step("审核", "审核签发", 3, "出入境管理大队"),
            step("制证", "集中制证", 3, "制证中心"),
            step("发证", "窗口领取或邮寄送达", 1, "出入境窗口民警"),
        ],
        themes=["exit-entry"],
        appointment=True,
        fees=[
            fee(
                "普通护照证件费",
                "120",
                "《国家发展改革委 财政部关于降低部分行政事业性收费标准的通知》（发改价格〔2019〕914号）",
            )
        ],
    )
    return ItemSpec(
        "010020000003",
        "普通护照签发",
        "01",
        "《中华人民共和国护照法》第四条、第五条、第六条",
        "公安机关出入境管理机构",
        "police",
        ("county",),
        elements,
        popularity=1200,
    )


def _birth_certificate() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=3,
        statutory=None,
        promised=1,
        conditions="在本县（区）依法取得助产技术服务资质的医疗机构内出生的新生儿；院外出生的须经亲子鉴定。",
        result="licence",
        result_name="出生医学证明",
        delivery=("window",),
        materials=[
            material("父母双方居民身份证", source="government", source_note="公安机关"),
            material(
                "出生医学证明首次签发登记表（助产机构填写）", source="other", source_note="助产机构出具"
            ),
            material(
                "亲子鉴定证明",
                condition="在医疗机构外出生的",
                source="intermediary",
                source_note="具有资质的司法鉴定机构出具",
            ),
        ],
        steps=[
            step("申请", "新生儿父母向助产机构申请", 0, "申请人"),
            step("受理", "核对出生信息", 0, "助产机构"),
            step("签发", "核对无误后签发出生医学证明", 1, "助产机构签发人员"),
        ],
        themes=["birth-adoption"],
    )
    reissue = {
        "promised_limit": 15,
        "materials": [
            elements["materials"][0],
            material("出生医学证明补发申请表", form="paper"),
            material("新生儿出生时的住院病历复印件", original="copy", source="other", source_note="出生医院"),
        ],
    }
    renew = {
        "promised_limit": 5,
        "materials": [
            elements["materials"][0],
            material("原出生医学证明正、副页", form="paper"),
        ],
    }
    return ItemSpec(
        "200050000004",
        "出生医学证明办理",
        "20",
        "《中华人民共和国母婴保健法》第二十三条",
        "卫生健康主管部门",
        "health",
        ("county",),
        elements,
        handling=(
            Handling("01", "首次签发", {}, 500),
            Handling("02", "补发", reissue, 120),
            Handling("03", "换发", renew, 80),
        ),
    )


def _birth_registration() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=5,
        statutory=None,
        promised=0,
        conditions="在本省生育子女的夫妻，可在孕前或者生育后自愿登记，凭有效身份证件即可办理。",
        result="filing",
        result_name="生育登记（电子凭证）",
        delivery=("online",),
        appointment=False,
        materials=[
            material(
                "夫妻双方居民身份证", source="government", source_note="公安机关，网上办理通过实名认证核验"
            ),
            material("结婚证", condition="已登记结婚的", source="government", source_note="民政部门"),
        ],
        steps=[
            step("申请", "通过闽政通或窗口提交生育登记信息", 0, "申请人"),
            step("审核登记", "系统核验身份信息后即时完成登记", 0, "卫生健康部门"),
        ],
        themes=["birth-adoption"],
    )
    return ItemSpec(
        "200050000005",
        "生育登记",
        "20",
        "《中华人民共和国人口与计划生育法》第十八条；《福建省人口与计划生育条例》",
        "卫生健康主管部门",
        "health",
        ("county", "township"),
        elements,
        popularity=600,
    )


def _marriage() -> ItemSpec:
    declaration = material(
        "本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明", form="paper"
    )
    elements = guide(
        audiences=["person"],
        depth=2,
        statutory=None,
        promised=0,
        appointment=True,
        conditions="1. 男女双方完全自愿；\n2. 男年满二十二周岁、女年满二十周岁；\n3. 双方均无配偶；\n"
        "4. 双方不是直系血亲或者三代以内的旁系血亲；\n5. 双方亲自到婚姻登记机关办理。",
        result="licence",
        result_name="结婚证",
        delivery=("window",),
        materials=[
            material("双方居民身份证", source="government", source_note="公安机关"),
            material("双方近期半身免冠合影照片（2寸）", copies=3, form="paper"),
            declaration,
        ],
        steps=[
            step("申请", "双方共同到场，填写申请", 0, "当事人"),
            step("受理审查", "查验证件，询问相关情况", 0, "婚姻登记员"),
            step("登记发证", "符合条件的当场予以登记，颁发结婚证", 0, "婚姻登记员"),
        ],
        themes=["marriage"],
    )
    divorce = {
        "conditions": "1. 夫妻双方自愿离婚，并对子女抚养、财产及债务处理等事项协商一致；\n"
        "2. 提交申请之日起三十日冷静期届满后三十日内，双方亲自到场申请发给离婚证。",
        "result_name": "离婚证",
        "materials": [
            material("双方居民身份证", source="government", source_note="公安机关"),
            issued("结婚证", "婚姻登记机关"),
            material("双方签署的离婚协议书", copies=3, form="paper"),
        ],
    }
    reissue = {
        "result_name": "结婚证（补领）",
        "materials": [
            material("当事人居民身份证", source="government", source_note="公安机关"),
            material("近期半身免冠照片（2寸）", copies=2, form="paper"),
        ],
    }
    return ItemSpec(
        "070030000006",
        "婚姻登记",
        "07",
        "《中华人民共和国民法典》第一千零四十九条、第一千零七十六条；《婚姻登记条例》第四条",
        "民政部门",
        "civil",
        ("county",),
        elements,
        handling=(
            Handling("01", "内地居民结婚登记", {}, 800),
            Handling("02", "内地居民离婚登记", divorce, 200),
            Handling("03", "补领婚姻登记证", reissue, 100),
        ),
    )


def _social_security_card() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=4,
        statutory=None,
        promised=5,
        delivery=("window", "courier"),
        conditions="参加本省社会保险或在本省居住的人员，可申领社会保障卡（含电子社保卡）；已领卡但丢失、损坏的可补换。",
        result="licence",
        result_name="中华人民共和国社会保障卡",
        materials=[
            ID_CARD,
            PHOTO,
            material(
                "居民户口簿",
                condition="十六周岁以下未成年人申领的",
                source="government",
                source_note="公安机关",
            ),
            AGENT,
        ],
        steps=[
            step("申请", "通过闽政通、合作银行网点或人社窗口提出申请", 0, "申请人"),
            step("受理", "核验身份和参保信息", 1, "人社窗口"),
            step("制卡", "制卡并激活金融功能；网点即时制卡的当场领取", 3, "社会保障卡服务机构"),
            step("发卡", "窗口领取或邮寄", 1, "人社窗口"),
        ],
        themes=["social-security"],
    )
    return ItemSpec(
        "200040000007",
        "社会保障卡申领",
        "20",
        "《中华人民共和国社会保险法》第五十八条；《社会保障卡管理办法》（人社部发〔2011〕47号）",
        "人力资源社会保障部门",
        "hrss",
        ("county",),
        elements,
        handling=(
            Handling("01", "首次申领", {}, 2600),
            Handling("02", "补领、换领", {"promised_limit": 3}, 1400),
        ),
    )


def _medical_insurance() -> ItemSpec:
    elements = guide(
        level="L1",
        audiences=["person"],
        depth=5,
        statutory=None,
        promised=0,
        appointment=False,
        delivery=("online",),
        conditions="具有本省户籍或持有本省居住证、未参加职工基本医疗保险的城乡居民（含学生、儿童）。",
        result="filing",
        result_name="参保登记信息",
        materials=[ID_CARD, AGENT],
        steps=[
            step("申请", "通过闽政通、医保服务平台或窗口提交参保登记", 0, "申请人"),
            step("登记", "系统核验身份及参保状态后即时登记", 0, "医保经办机构"),
        ],
        themes=["medical", "social-security"],
    )
    employee = {
        "conditions": "无雇工的个体工商户、未在用人单位参加职工基本医疗保险的非全日制从业人员以及其他灵活就业人员。",
        "materials": [ID_CARD, material("灵活就业人员参保登记表", form="both")],
    }
    return ItemSpec(
        "200090000008",
        "基本医疗保险参保登记",
        "20",
        "《中华人民共和国社会保险法》第二十三条、第二十五条、第五十七条",
        "医疗保障部门",
        "medical",
        ("county",),
        elements,
        handling=(
            Handling("01", "城乡居民基本医疗保险参保登记", {}, 900),
            Handling("02", "灵活就业人员职工基本医疗保险参保登记", employee, 300),
        ),
    )


def _rural_pension() -> ItemSpec:
    elements = guide(
        level="L1",
        audiences=["person"],
        depth=5,
        statutory=None,
        promised=0,
        appointment=False,
        delivery=("online",),
        conditions="年满十六周岁（不含在校学生），非国家机关和事业单位工作人员，且未参加职工基本养老保险的城乡居民，"
        "可在户籍地参保。",
        result="filing",
        result_name="参保登记信息",
        materials=[ID_CARD, HOUSEHOLD_BOOK],
        steps=[
            step("申请", "通过闽政通或乡镇（街道）便民服务中心提出", 0, "申请人"),
            step("登记", "核验身份、户籍和参保状态后登记，选择缴费档次", 0, "社保经办人员"),
        ],
        themes=["social-security", "elderly"],
    )
    return ItemSpec(
        "200040000009",
        "城乡居民基本养老保险参保登记",
        "20",
        "《中华人民共和国社会保险法》第二十条、第二十二条；《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
        "人力资源社会保障部门",
        "hrss",
        ("county", "township"),
        elements,
        popularity=500,
    )


def _unemployment_benefit() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=5,
        statutory=10,
        promised=3,
        appointment=False,
        delivery=("online",),
        conditions="1. 失业前用人单位和本人已经缴纳失业保险费满一年；\n2. 非因本人意愿中断就业；\n"
        "3. 已经进行失业登记，并有求职要求。",
        result="other",
        result_name="失业保险金按月发放至本人社会保障卡",
        materials=[
            ID_CARD,
            material("终止或者解除劳动合同的证明", source="other", source_note="原用人单位出具"),
            material(
                "社会保障卡（金融账户）",
                condition="未激活社会保障卡金融功能的提供其他银行账户",
                source="government",
                source_note="人力资源社会保障部门",
            ),
        ],
        steps=[
            step("申请", "通过闽政通、电子社保卡或窗口申领", 0, "申请人"),
            step("审核", "核对参保缴费及失业登记信息", 2, "失业保险经办机构"),
            step("发放", "审核通过的按月发放失业保险金", 1, "失业保险经办机构"),
        ],
        themes=["employment", "social-security"],
    )
    return ItemSpec(
        "050040000010",
        "失业保险金申领",
        "05",
        "《中华人民共和国社会保险法》第四十五条、第五十条；《失业保险条例》第十四条、第十六条",
        "人力资源社会保障部门",
        "hrss",
        ("county",),
        elements,
        popularity=400,
    )


def _retirement() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=4,
        statutory=None,
        promised=10,
        conditions="达到法定退休年龄（含按《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》确定的年龄），"
        "且累计缴纳基本养老保险费满最低缴费年限的企业职工和灵活就业人员。",
        result="document",
        result_name="退休审批表（核定基本养老金）",
        materials=[
            ID_CARD,
            material("职工退休申请表", form="both", source="other", source_note="用人单位填报"),
            material(
                "本人人事档案",
                condition="有人事档案的",
                form="paper",
                source="other",
                source_note="档案保管机构",
            ),
        ],
        steps=[
            step("申请", "用人单位或本人网上申报", 0, "申请人"),
            step("受理", "核对参保缴费年限", 1, "养老保险经办机构"),
            step("审核", "核定出生日期、参加工作时间和视同缴费年限", 6, "审核人员"),
            step("核定待遇", "核定基本养老金并发放", 3, "待遇核定人员"),
        ],
        themes=["social-security", "elderly"],
    )
    return ItemSpec(
        "070040000011",
        "职工正常退休（职）审批",
        "07",
        "《国务院关于工人退休、退职的暂行办法》（国发〔1978〕104号）；《中华人民共和国社会保险法》第十六条",
        "人力资源社会保障部门",
        "hrss",
        ("county",),
        elements,
        popularity=300,
    )


def _minimum_living() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=3,
        statutory=30,
        promised=20,
        appointment=False,
        conditions="共同生活的家庭成员人均收入低于当地最低生活保障标准，且家庭财产状况符合当地有关规定的本地户籍家庭。",
        result="other",
        result_name="最低生活保障金（按月发放）",
        materials=[
            ID_CARD,
            HOUSEHOLD_BOOK,
            material("家庭经济状况核对授权书（家庭成员签字）", form="paper"),
            material("家庭收入及财产情况书面声明", form="paper"),
            issued("残疾人证", "残疾人联合会", condition="家庭成员有残疾的"),
            material(
                "医疗机构诊断证明或病历", condition="家庭成员患重病的", source="other", source_note="医疗机构"
            ),
        ],
        steps=[
            step("申请", "向户籍所在地乡镇人民政府（街道办事处）提出书面申请", 0, "申请人"),
            step("受理", "审查材料，出具受理通知书", 1, "乡镇（街道）社会救助窗口"),
            step("家庭经济状况调查", "入户调查并通过核对平台核对收入、财产", 12, "乡镇（街道）"),
            step("公示", "在申请人所在村（社区）公示7天", 5, "村（居）委会"),
            step("审核确认", "作出审核确认决定并按月发放", 2, "民政部门"),
        ],
        themes=["assistance"],
    )
    return ItemSpec(
        "050030000012",
        "最低生活保障对象认定",
        "05",
        "《社会救助暂行办法》第九条、第十一条；《最低生活保障审核确认办法》（民发〔2021〕57号）",
        "民政部门",
        "civil",
        ("county", "township"),
        elements,
        popularity=200,
    )


def _temporary_assistance() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=3,
        statutory=None,
        promised=10,
        appointment=False,
        conditions="因火灾、交通事故等意外事件，家庭成员突发重大疾病等原因，导致基本生活暂时出现严重困难的家庭或个人。",
        result="other",
        result_name="临时救助金",
        materials=[
            ID_CARD,
            material("临时救助申请书", form="paper"),
            material(
                "困难情况相关证明（医疗费用票据、事故证明等）",
                original="copy",
                source="other",
                source_note="医疗机构或有关部门",
            ),
        ],
        steps=[
            step("申请", "向乡镇（街道）或县级民政部门提出", 0, "申请人"),
            step("审核", "调查核实困难情况", 6, "乡镇（街道）"),
            step("审批", "作出审批决定并发放救助金；情况紧急的先行救助", 4, "民政部门"),
        ],
        themes=["assistance"],
    )
    return ItemSpec(
        "050030000013",
        "临时救助",
        "05",
        "《社会救助暂行办法》第四十七条、第四十八条、第五十条",
        "民政部门",
        "civil",
        ("county",),
        elements,
        popularity=150,
    )


def _longevity_allowance() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=5,
        statutory=None,
        promised=10,
        appointment=False,
        delivery=("online",),
        conditions="具有本省户籍、年满八十周岁的老年人（可由本人或亲属代为申请，已纳入数据比对的免申即享）。",
        result="other",
        result_name="高龄津贴（按月发放）",
        materials=[ID_CARD, material("社会保障卡或银行账户", source="applicant"), AGENT],
        steps=[
            step("申请", "通过闽政通或乡镇（街道）便民服务中心申请", 0, "申请人"),
            step("审核", "核对户籍和年龄信息", 7, "乡镇（街道）"),
            step("发放", "审核通过的次月起按月发放", 3, "民政部门"),
        ],
        themes=["elderly"],
    )
    return ItemSpec(
        "050030000014",
        "高龄津贴发放",
        "05",
        "《中华人民共和国老年人权益保障法》第三十三条；《福建省老年人权益保障条例》",
        "民政部门",
        "civil",
        ("county", "township"),
        elements,
        popularity=300,
    )


def _disability_card() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=3,
        statutory=None,
        promised=15,
        delivery=("window", "courier"),
        conditions="户籍在本县（区）、符合残疾标准的视力、听力、言语、肢体、智力、精神及多重残疾人。",
        result="licence",
        result_name="中华人民共和国残疾人证（第三代智能化）",
        materials=[
            ID_CARD,
            HOUSEHOLD_BOOK,
            material("近期二寸免冠彩色照片", copies=3, form="paper"),
            material("残疾评定表", source="other", source_note="残联指定的评定医疗机构出具"),
        ],
        steps=[
            step("申请", "向户籍所在地县级残联提出", 0, "申请人"),
            step("评定", "到指定医疗机构进行残疾评定", 7, "评定机构"),
            step("审核", "审核评定结果，公示", 5, "县级残联"),
            step("发证", "制发残疾人证", 3, "县级残联"),
        ],
        themes=["assistance", "medical"],
    )
    return ItemSpec(
        "200150000015",
        "残疾人证核发",
        "20",
        "《中华人民共和国残疾人保障法》第二条；《中华人民共和国残疾人证管理办法》",
        "残疾人联合会",
        "disabled",
        ("county",),
        elements,
        handling=(Handling("01", "新办", {}, 150), Handling("02", "换领", {"promised_limit": 10}, 80)),
    )


def _physician_registration() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=4,
        statutory=20,
        promised=5,
        delivery=("online", "window"),
        conditions="取得医师资格，拟在本行政区域内医疗、预防、保健机构中执业，且不具有《中华人民共和国医师法》"
        "第十六条规定的不予注册情形。",
        result="licence",
        result_name="医师执业证书（电子证照）",
        materials=[
            material("医师执业注册申请审核表", form="electronic"),
            issued("医师资格证书", "卫生健康主管部门"),
            material("近6个月内的健康体检证明", source="other", source_note="县级以上医疗机构出具"),
            material("拟执业医疗机构的聘用证明", source="other", source_note="拟执业医疗机构出具"),
        ],
        steps=standard_steps(
            "审查申请材料，核对医师资格信息", 2, 2, accept_days=1, deliver="核发电子证照，可下载打印"
        ),
        themes=["medical", "employment"],
    )
    return ItemSpec(
        "010050000017",
        "医师执业注册",
        "01",
        "《中华人民共和国医师法》第十三条、第十四条",
        "卫生健康主管部门",
        "health",
        ("county", "city"),
        elements,
        popularity=60,
    )


def _driving_licence() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=5,
        statutory=None,
        promised=1,
        delivery=("courier", "window"),
        conditions="机动车驾驶证有效期满前九十日内申请换证，或者驾驶证遗失、损毁申请补证；身体条件符合申请驾驶证的要求。",
        result="licence",
        result_name="中华人民共和国机动车驾驶证",
        materials=[
            ID_CARD,
            material(
                "身体条件证明", source="other", source_note="县级或者部队团级以上医疗机构出具，可网上核验"
            ),
            issued("机动车驾驶证", "公安机关交通管理部门"),
            PHOTO,
        ],
        steps=[
            step("申请", "通过交管12123或车管所、交警服务站窗口申请", 0, "申请人"),
            step("审核", "核验身份、驾驶证状态和身体条件证明", 0, "车辆管理所"),
            step("制证", "制作机动车驾驶证", 1, "车辆管理所"),
            step("送达", "邮寄或窗口领取", 0, "车辆管理所"),
        ],
        themes=["travel"],
        fees=[
            fee(
                "机动车驾驶证工本费",
                "10",
                "《国家发展改革委 财政部关于公安交通管理收费标准及有关问题的通知》（发改价格〔2004〕2831号）",
            )
        ],
    )
    return ItemSpec(
        "010020000022",
        "机动车驾驶证核发、审验",
        "01",
        "《中华人民共和国道路交通安全法》第十九条",
        "公安机关交通管理部门",
        "police",
        ("city",),
        elements,
        handling=(
            Handling("01", "有效期满换证", {}, 1500),
            Handling("02", "遗失补证", {"materials": [ID_CARD, PHOTO]}, 600),
        ),
    )


def _housing_fund() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=4,
        statutory=3,
        promised=1,
        appointment=False,
        delivery=("online",),
        result="other",
        result_name="住房公积金提取款（转入本人银行账户）",
        conditions="缴存职工购买、建造、翻建、大修自住住房的，可以提取本人及配偶的住房公积金账户存储余额。",
        materials=[
            ID_CARD,
            material(
                "购房合同或不动产权证书",
                original="copy",
                source="government",
                source_note="不动产登记机构，可通过数据共享获取",
            ),
            material("购房发票或契税完税凭证", original="copy", source="government", source_note="税务部门"),
            material("本人银行卡", source="applicant"),
        ],
        steps=[
            step("申请", "通过闽政通、公积金网厅或窗口申请", 0, "申请人"),
            step("审核", "核验购房信息和账户余额", 1, "公积金中心"),
            step("划款", "审核通过后转入本人银行账户", 0, "公积金中心"),
        ],
        themes=["housing"],
    )
    rent = {
        "online_depth": 5,
        "depth_steps": ["consult", "apply", "pre_review", "accept", "deliver"],
        "max_visits": 0,
        "promised_limit": 0,
        "conditions": "缴存职工本人及配偶在缴存地无自有住房且租赁住房的。",
        "materials": [ID_CARD, material("本人银行卡", source="applicant")],
    }
    retire = {
        "conditions": "缴存职工离休、退休的，可以提取本人住房公积金账户全部余额并销户。",
        "materials": [
            ID_CARD,
            issued("退休证明或养老金领取证明", "人力资源社会保障部门，可通过数据共享获取"),
            material("本人银行卡", source="applicant"),
        ],
    }
    return ItemSpec(
        "200190000019",
        "住房公积金提取",
        "20",
        "《住房公积金管理条例》第二十四条、第二十五条",
        "住房公积金管理中心",
        "fund",
        ("city",),
        elements,
        handling=(
            Handling("01", "购买自住住房提取", {}, 1600),
            Handling("02", "租赁住房提取", rent, 2200),
            Handling("03", "离休、退休提取", retire, 600),
        ),
    )


def _teacher_qualification() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=4,
        statutory=30,
        promised=20,
        conditions="1. 遵守宪法和法律，热爱教育事业，具有良好的思想品德；\n2. 具备规定的学历；\n"
        "3. 中小学教师资格考试合格；\n4. 普通话水平达到二级乙等以上；\n5. 体检合格。",
        result="licence",
        result_name="教师资格证书",
        delivery=("window", "courier"),
        materials=[
            material("教师资格认定申请表（网上填报后打印）", form="both"),
            ID_CARD,
            issued("学历证书", "教育行政部门（学信网在线核验）"),
            issued("普通话水平测试等级证书", "语言文字工作部门"),
            material("体检合格证明", source="other", source_note="教育行政部门指定的县级以上医院出具"),
        ],
        steps=standard_steps(
            "审查学历、考试成绩和思想品德鉴定，组织体检", 14, 4, accept_days=2, deliver="颁发教师资格证书"
        ),
        themes=["employment"],
    )
    return ItemSpec(
        "010130000040",
        "教师资格认定",
        "01",
        "《中华人民共和国教师法》第十条、第十三条；《教师资格条例》第十三条",
        "教育行政部门",
        "education",
        ("county", "city"),
        elements,
        popularity=200,
    )


def _ride_hailing_driver() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=4,
        statutory=20,
        promised=10,
        delivery=("window", "courier"),
        conditions="1. 取得相应准驾车型机动车驾驶证并具有3年以上驾驶经历；\n"
        "2. 无交通肇事犯罪、危险驾驶犯罪记录，无吸毒记录，无饮酒后驾驶记录，最近连续3个记分周期内没有记满12分记录；\n"
        "3. 无暴力犯罪记录；\n4. 网约车驾驶员从业资格考试合格。",
        result="licence",
        result_name="网络预约出租汽车驾驶员证",
        materials=[
            ID_CARD,
            issued("机动车驾驶证", "公安机关交通管理部门"),
            material(
                "网络预约出租汽车驾驶员从业资格考试合格证明",
                source="government",
                source_note="交通运输主管部门，可网上核验",
            ),
            PHOTO,
        ],
        steps=standard_steps("核查驾驶经历、犯罪记录和考试结果", 6, 2, accept_days=1),
        themes=["employment", "travel"],
    )
    return ItemSpec(
        "010080000023",
        "网络预约出租汽车驾驶员证核发",
        "01",
        "《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）第112项；"
        "《网络预约出租汽车经营服务管理暂行办法》第十四条、第十五条、第十六条",
        "交通运输主管部门",
        "transport",
        ("city",),
        elements,
        popularity=150,
    )


def person_items() -> list[ItemSpec]:
    return [
        _id_card(),
        _household_move(),
        _passport(),
        _birth_certificate(),
        _birth_registration(),
        _marriage(),
        _social_security_card(),
        _medical_insurance(),
        _rural_pension(),
        _unemployment_benefit(),
        _retirement(),
        _minimum_living(),
        _temporary_assistance(),
        _longevity_allowance(),
        _disability_card(),
        _physician_registration(),
        _driving_licence(),
        _housing_fund(),
        _teacher_qualification(),
        _ride_hailing_driver(),
    ]
