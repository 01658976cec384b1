"""Real, common items for enterprises and other organisations (法人办事) in Fujian, with their legal basis.

Basic codes: the 2-digit item type, the 3-digit department kind and a 7-digit serial. The
building permit lists the planning permit as its prerequisite (前置审批).
"""

from .application_forms import APPLY_KIND, FOOD_BUSINESS_SCENARIO, food_business_form
from .guide import Handling, ItemSpec, fee, guide, issued, material, standard_steps, step

OPERATOR_ID = material(
    "法定代表人（负责人、经营者）身份证明",
    source="government",
    source_note="公安机关，网上办理通过实名认证核验",
)
BUSINESS_LICENCE = issued(
    "营业执照", "市场监督管理部门，可通过电子证照共享获取", original="copy", licence_types=("YYZZ",)
)
FOOD_LICENCE_TYPE = "SPJYXKZ"  # 食品经营许可证 (licence type of the licences context)
AGENT = material("授权委托书及经办人身份证明", condition="委托他人代为办理的", form="paper")
ID_CARD_OR_LICENCE = material(
    "申请人身份证明（居民身份证或营业执照）", source="government", source_note="公安机关或市场监督管理部门"
)
PLANNING_PERMIT = "010070000031"
EIA_APPROVAL = "010100000037"


def _individual_business() -> ItemSpec:
    elements = guide(
        audiences=["person"],
        depth=5,
        statutory=3,
        promised=1,
        appointment=False,
        delivery=("online", "window"),
        conditions="有经营能力的自然人，有固定的经营场所，经营范围不属于法律、行政法规禁止的行业。",
        result="licence",
        result_name="营业执照（个体工商户）",
        materials=[
            material("个体工商户登记（备案）申请书", form="electronic"),
            OPERATOR_ID,
            material("经营场所使用证明（或住所申报承诺书）", form="both", original="copy"),
            AGENT,
        ],
        steps=[
            step("申请", "通过福建省市场主体一网通办平台或窗口提交", 0, "申请人"),
            step("审核", "对申请材料进行形式审查，材料齐全的当场登记", 1, "登记注册人员"),
            step("发照", "核发电子营业执照，需要纸质执照的窗口领取或邮寄", 0, "登记注册人员"),
        ],
        themes=["employment", "open-business"],
    )
    return ItemSpec(
        "010010000025",
        "个体工商户设立登记",
        "01",
        "《中华人民共和国市场主体登记管理条例》第三条、第十九条；《促进个体工商户发展条例》",
        "市场监督管理部门",
        "market",
        ("county",),
        elements,
        popularity=800,
    )


def _company() -> ItemSpec:
    elements = guide(
        level="L3",
        audiences=["legal_person"],
        depth=5,
        statutory=3,
        promised=1,
        appointment=False,
        delivery=("online", "window", "courier"),
        conditions="有符合公司章程规定的股东（发起人）、公司名称、住所、组织机构和注册资本，经营范围符合法律法规规定。",
        result="licence",
        result_name="营业执照",
        materials=[
            material("公司登记（备案）申请书", form="electronic"),
            material("公司章程", form="electronic"),
            material("股东的主体资格证明或者自然人身份证明", form="electronic"),
            material("法定代表人、董事、监事和经理的任职文件", form="electronic"),
            material("住所（经营场所）使用证明", original="copy"),
            material(
                "前置审批文件或许可证件",
                condition="法律、行政法规规定设立公司须经批准的",
                source="government",
                source_note="有关审批部门",
            ),
        ],
        steps=[
            step(
                "申请", "通过一网通办平台同步办理设立登记、公章刻制、发票申领、社保和公积金登记", 0, "申请人"
            ),
            step("审核", "形式审查，材料齐全、符合法定形式的予以登记", 1, "登记注册人员"),
            step("发照", "核发营业执照和电子营业执照", 0, "登记注册人员"),
        ],
        themes=["open-business"],
    )
    return ItemSpec(
        "010010000026",
        "企业设立登记",
        "01",
        "《中华人民共和国公司法》第二十九条；《中华人民共和国市场主体登记管理条例》第三条、第十九条、第二十一条",
        "市场监督管理部门",
        "market",
        ("county", "city"),
        elements,
        popularity=600,
    )


def _food_business() -> ItemSpec:
    elements = guide(
        audiences=["legal_person", "person"],
        depth=4,
        statutory=10,
        promised=5,
        delivery=("online", "window"),
        conditions="1. 具有与经营的食品品种、数量相适应的食品经营场所；\n2. 具有与经营的食品品种、数量相适应的经营设备或者设施；\n"
        "3. 有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；\n4. 具有合理的设备布局和工艺流程。",
        result="licence",
        result_name="食品经营许可证",
        materials=[
            material("食品经营许可申请书", form="electronic"),
            BUSINESS_LICENCE,
            material(
                "与食品经营相适应的主要设备设施、经营布局、操作流程等文件",
                form="both",
                applies_when={APPLY_KIND: ["first"]},
            ),
            material(
                "食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度",
                applies_when={APPLY_KIND: ["first", "renewal"]},
            ),
            material(
                "原食品经营许可证正本、副本",
                original="original",
                notes="延续申请时交回原许可证，可用电子证照代替",
                applies_when={APPLY_KIND: ["renewal"]},
                licence_types=(FOOD_LICENCE_TYPE,),
            ),
            material(
                "许可证遗失或损坏情况说明",
                form="electronic",
                notes="说明遗失或损坏的经过；损坏的同时交回原证",
                applies_when={APPLY_KIND: ["lost"]},
            ),
            AGENT,
        ],
        steps=standard_steps(
            "审查申请材料，必要时对经营场所进行现场核查",
            2,
            1,
            deliver="发放食品经营许可证（电子证照同步生成）",
        ),
        themes=["market-access", "open-business"],
        form_schema=food_business_form(),
        scenario=FOOD_BUSINESS_SCENARIO,
    )
    return ItemSpec(
        "010010000027",
        "食品经营许可",
        "01",
        "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》",
        "市场监督管理部门",
        "market",
        ("county",),
        elements,
        popularity=400,
    )


def _retail_pharmacy() -> ItemSpec:
    elements = guide(
        audiences=["legal_person"],
        depth=4,
        statutory=20,
        promised=10,
        delivery=("window", "courier"),
        conditions="1. 有依法经过资格认定的药师或者其他药学技术人员；\n2. 有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；\n"
        "3. 有与所经营药品相适应的质量管理机构或者人员；\n4. 有保证药品质量的规章制度，符合药品经营质量管理规范要求。",
        result="licence",
        result_name="药品经营许可证（零售）",
        materials=[
            material("药品经营许可证申请表", form="electronic"),
            BUSINESS_LICENCE,
            issued("执业药师注册证", "药品监督管理部门"),
            material("经营场所、仓库平面布局图及房屋产权或使用权证明", original="copy"),
            material("药品质量管理文件及主要设施设备目录"),
        ],
        steps=standard_steps("审查材料并组织现场检查", 6, 2),
        themes=["market-access"],
    )
    return ItemSpec(
        "010010000028",
        "药品零售企业经营许可",
        "01",
        "《中华人民共和国药品管理法》第五十一条、第五十二条",
        "药品监督管理部门",
        "market",
        ("county",),
        elements,
        popularity=60,
    )


def _special_equipment() -> ItemSpec:
    elements = guide(
        audiences=["legal_person"],
        depth=4,
        statutory=15,
        promised=5,
        delivery=("online", "window"),
        conditions="特种设备在投入使用前或者投入使用后三十日内，使用单位应当向负责特种设备安全监督管理的部门办理使用登记。",
        result="licence",
        result_name="特种设备使用登记证",
        materials=[
            material("特种设备使用登记表", copies=2),
            BUSINESS_LICENCE,
            material(
                "特种设备产品合格证（含产品数据表）",
                original="copy",
                source="other",
                source_note="制造单位出具",
            ),
            material(
                "特种设备监督检验证明",
                condition="按规定需要监督检验的",
                source="intermediary",
                source_note="特种设备检验机构出具",
            ),
        ],
        steps=standard_steps("审查登记资料", 2, 1, deliver="核发使用登记证"),
        themes=["market-access"],
    )
    return ItemSpec(
        "010010000029",
        "特种设备使用登记",
        "01",
        "《中华人民共和国特种设备安全法》第三十三条",
        "市场监督管理部门",
        "market",
        ("county",),
        elements,
        popularity=100,
    )


def _public_hygiene() -> ItemSpec:
    elements = guide(
        audiences=["legal_person", "person"],
        depth=4,
        statutory=20,
        promised=10,
        delivery=("window", "courier"),
        conditions="宾馆、美容美发、沐浴、游泳场所等公共场所的卫生设施、卫生管理制度和从业人员健康状况符合公共场所卫生标准和要求。",
        result="licence",
        result_name="公共场所卫生许可证",
        materials=[
            material("公共场所卫生许可申请表", form="electronic"),
            BUSINESS_LICENCE,
            material(
                "公共场所卫生检测或者评价报告", source="intermediary", source_note="具备资质的检测机构出具"
            ),
            material("公共场所卫生管理制度"),
            material("从业人员健康合格证明", source="other", source_note="体检机构出具"),
        ],
        steps=standard_steps("审查材料并进行现场审查", 6, 2),
        themes=["market-access"],
        intermediary="公共场所卫生检测（由具备资质的检测机构出具检测报告）",
    )
    return ItemSpec(
        "010050000016",
        "公共场所卫生许可",
        "01",
        "《公共场所卫生管理条例》第八条；《公共场所卫生管理条例实施细则》第二十二条",
        "卫生健康主管部门",
        "health",
        ("county",),
        elements,
        popularity=150,
    )


def _medical_institution() -> ItemSpec:
    elements = guide(
        audiences=["legal_person"],
        depth=3,
        statutory=45,
        promised=20,
        delivery=("window",),
        conditions="符合医疗机构基本标准，有适合的名称、组织机构和场所，有与其开展的业务相适应的经费、设施、设备和专业卫生技术人员。",
        result="licence",
        result_name="医疗机构执业许可证",
        materials=[
            material("医疗机构申请执业登记注册书"),
            material("医疗机构用房产权证明或者使用证明", original="copy"),
            material("医疗机构建筑设计平面图"),
            material("验资证明、资产评估报告", source="intermediary", source_note="会计师事务所出具"),
            material("医疗机构规章制度"),
            material(
                "医疗机构法定代表人或者主要负责人以及各科室负责人名录和有关资格证书、执业证书复印件",
                original="copy",
            ),
        ],
        steps=standard_steps("审核材料并组织现场评审", 14, 4, accept_days=2),
        themes=["market-access"],
    )
    return ItemSpec(
        "010050000018",
        "医疗机构执业登记",
        "01",
        "《医疗机构管理条例》第十五条、第十六条、第十七条",
        "卫生健康主管部门",
        "health",
        ("county",),
        elements,
        popularity=20,
    )


def _property_registration() -> ItemSpec:
    basis = "《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）"
    application = material("不动产登记申请书", form="both")
    elements = guide(
        audiences=["person", "legal_person"],
        depth=4,
        statutory=30,
        promised=5,
        delivery=("window", "courier", "online"),
        conditions="不动产权利人或者利害关系人依法申请不动产首次登记，权属来源清楚、界址清晰、面积准确。",
        result="licence",
        result_name="不动产权证书（电子证照）",
        materials=[
            application,
            ID_CARD_OR_LICENCE,
            material("不动产权属来源证明材料（土地出让合同、竣工验收备案表等）", original="copy"),
            material(
                "不动产权籍调查表、宗地图及宗地界址点坐标", source="intermediary", source_note="测绘机构出具"
            ),
            AGENT,
        ],
        steps=[
            step("申请", "申请人网上申请或到不动产登记窗口申请", 0, "申请人"),
            step("受理", "查验材料，当场受理或一次性告知", 0, "登记窗口"),
            step("审核", "查验权属、界址，必要时实地查看", 3, "登记审核人员"),
            step("登簿", "记载于不动产登记簿", 1, "登簿人员"),
            step("缮证发证", "缮制不动产权证书并发放", 1, "发证窗口"),
        ],
        themes=["housing"],
        fees=[fee("不动产登记费（住宅类）", "80", basis)],
    )
    transfer = {
        "promised_limit": 3,
        "conditions": "因买卖、继承、赠与、互换等导致不动产权利转移的。",
        "materials": [
            application,
            ID_CARD_OR_LICENCE,
            issued("不动产权证书", "不动产登记机构"),
            material(
                "不动产买卖合同（网签备案）",
                original="copy",
                source="government",
                source_note="住房和城乡建设部门，可通过数据共享获取",
            ),
            issued("契税、增值税等完税凭证", "税务部门，一窗办理时同步获取", original="copy"),
            AGENT,
        ],
        "steps": [
            step("申请", "买卖双方共同申请，一窗办理交易、缴税和登记", 0, "申请人"),
            step("受理", "查验材料并受理", 0, "登记窗口"),
            step("审核", "审核转移原因及完税情况", 2, "登记审核人员"),
            step("登簿发证", "登簿并发放不动产权证书", 1, "登簿人员"),
        ],
    }
    mortgage = {
        "promised_limit": 2,
        "result_type": "filing",
        "result_name": "不动产登记证明（抵押权）",
        "conditions": "以不动产设定抵押的，抵押人和抵押权人共同申请。",
        "materials": [
            application,
            ID_CARD_OR_LICENCE,
            issued("不动产权证书", "不动产登记机构"),
            material("抵押合同与主债权合同", original="original", copies=1),
        ],
        "fees": [fee("不动产登记费（住宅类抵押权登记）", "80", basis)],
    }
    cancel = {
        "promised_limit": 1,
        "result_type": "filing",
        "result_name": "注销登记记载",
        "conditions": "不动产灭失、权利人放弃权利或抵押权因主债权消灭等原因消灭的。",
        "materials": [
            application,
            ID_CARD_OR_LICENCE,
            issued("不动产权证书或不动产登记证明", "不动产登记机构"),
            material("权利消灭的证明材料（如债务清偿证明）"),
        ],
        "is_free": True,
        "fees": [],
        "supports_online_payment": False,
        "depth_steps": ["consult", "apply", "pre_review", "accept"],
    }
    return ItemSpec(
        "070070000021",
        "不动产登记",
        "07",
        "《中华人民共和国民法典》第二百一十条；《不动产登记暂行条例》第三条、第十四条、第二十条",
        "自然资源主管部门（不动产登记机构）",
        "land",
        ("county",),
        elements,
        handling=(
            Handling("01", "首次登记", {}, 300),
            Handling("02", "转移登记", transfer, 900),
            Handling("03", "抵押登记", mortgage, 700),
            Handling("04", "注销登记", cancel, 400),
        ),
    )


def _housing_fund_registration() -> ItemSpec:
    elements = guide(
        audiences=["legal_person"],
        depth=5,
        statutory=None,
        promised=1,
        appointment=False,
        delivery=("online",),
        conditions="新设立的单位应当自设立之日起30日内办理住房公积金缴存登记，并为本单位职工办理住房公积金账户设立手续。",
        result="filing",
        result_name="住房公积金单位缴存登记",
        materials=[
            material("单位住房公积金缴存登记表", form="electronic"),
            BUSINESS_LICENCE,
            material("职工名册及缴存基数", form="electronic"),
        ],
        steps=[
            step("申请", "开办企业一网通办时同步申请，或通过公积金网厅办理", 0, "申请单位"),
            step("登记", "核验单位信息后完成缴存登记，开设单位账户", 1, "公积金中心"),
        ],
        themes=["open-business"],
    )
    return ItemSpec(
        "200190000020",
        "住房公积金单位缴存登记",
        "20",
        "《住房公积金管理条例》第十四条、第十五条",
        "住房公积金管理中心",
        "fund",
        ("city",),
        elements,
        popularity=200,
    )


def _building_permit() -> ItemSpec:
    elements = guide(
        audiences=["legal_person"],
        depth=5,
        statutory=7,
        promised=3,
        appointment=False,
        delivery=("online",),
        conditions="已经办理该建筑工程用地批准手续；依法应当办理建设工程规划许可证的，已经取得；施工场地已经基本具备施工条件；"
        "已经确定建筑施工企业；有保证工程质量和安全的具体措施；建设资金已经落实。",
        result="licence",
        result_name="建筑工程施工许可证（电子证照）",
        materials=[
            material("建筑工程施工许可证申请表", form="electronic"),
            issued("建设工程规划许可证", "自然资源主管部门，可通过数据共享获取"),
            material("施工合同（中标通知书）", form="electronic"),
            material("建设资金已经落实承诺书", form="electronic"),
            material(
                "施工图设计文件审查合格书",
                condition="按规定需要审查的",
                source="intermediary",
                source_note="施工图审查机构出具",
            ),
        ],
        steps=standard_steps(
            "审查申请材料，工程质量安全监督手续合并办理", 1, 1, deliver="核发电子施工许可证"
        ),
        themes=["construction"],
        prerequisites=(PLANNING_PERMIT,),
    )
    return ItemSpec(
        "010060000030",
        "建筑工程施工许可",
        "01",
        "《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》第四条",
        "住房和城乡建设主管部门",
        "housing",
        ("county", "city"),
        elements,
        popularity=60,
    )


def _planning_permit() -> ItemSpec:
    elements = guide(
        audiences=["legal_person"],
        depth=4,
        statutory=20,
        promised=10,
        delivery=("online", "window"),
        conditions="在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设，符合控制性详细规划和规划条件。",
        result="licence",
        result_name="建设工程规划许可证",
        materials=[
            material("建设工程规划许可证申请表", form="electronic"),
            issued(
                "使用土地的有关证明文件（不动产权证书或土地出让合同）", "自然资源主管部门", original="copy"
            ),
            material(
                "建设工程设计方案（含总平面图）",
                form="electronic",
                source="intermediary",
                source_note="具有资质的设计单位编制",
            ),
        ],
        steps=standard_steps("审查设计方案是否符合规划条件，进行批前公示", 6, 2),
        themes=["construction"],
    )
    return ItemSpec(
        "010070000031",
        "建设工程规划许可",
        "01",
        "《中华人民共和国城乡规划法》第四十条",
        "自然资源主管部门",
        "land",
        ("county", "city"),
        elements,
        popularity=50,
    )


def _site_selection() -> ItemSpec:
    elements = guide(
        audiences=["legal_person"],
        depth=4,
        statutory=20,
        promised=10,
        delivery=("online", "window"),
        conditions="需要办理用地预审的建设项目，符合国土空间规划、土地管理法律法规和用地标准。",
        result="licence",
        result_name="建设项目用地预审与选址意见书",
        materials=[
            material("建设项目用地预审与选址申请表", form="electronic"),
            material("建设项目用地预审与选址申请报告"),
            material("标注项目用地范围的土地利用现状图", source="intermediary", source_note="测绘机构出具"),
            material(
                "建设项目规划选址论证报告",
                condition="不符合国土空间规划需论证的",
                source="intermediary",
                source_note="规划编制单位出具",
            ),
        ],
        steps=standard_steps("审查用地规模、规划符合性并征求意见", 6, 2),
        themes=["construction"],
    )
    return ItemSpec(
        "010070000032",
        "建设项目用地预审与选址意见书核发",
        "01",
        "《中华人民共和国土地管理法》第五十二条；《中华人民共和国城乡规划法》第三十六条",
        "自然资源主管部门",
        "land",
        ("county", "city"),
        elements,
        popularity=20,
    )


def _fire_design_review() -> ItemSpec:
    elements = guide(
        audiences=["legal_person"],
        depth=4,
        statutory=15,
        promised=10,
        delivery=("online",),
        conditions="特殊建设工程的建设单位在开工前申请消防设计审查，消防设计文件符合国家工程建设消防技术标准。",
        result="document",
        result_name="特殊建设工程消防设计审查意见书",
        materials=[
            material("消防设计审查申请表", form="electronic"),
            material("消防设计文件", form="electronic", source="intermediary", source_note="设计单位编制"),
            issued("建设工程规划许可文件", "自然资源主管部门", condition="依法需要办理建设工程规划许可的"),
            material(
                "特殊消防设计技术资料",
                condition="采用特殊消防设计的",
                source="intermediary",
                source_note="设计单位编制",
            ),
        ],
        steps=standard_steps("组织技术审查，必要时组织专家评审", 6, 2),
        themes=["construction"],
    )
    return ItemSpec(
        "010060000033",
        "特殊建设工程消防设计审查",
        "01",
        "《中华人民共和国消防法》第十一条；《建设工程消防设计审查验收管理暂行规定》第十五条",
        "住房和城乡建设主管部门",
        "housing",
        ("county",),
        elements,
        popularity=30,
    )


def _water_permit() -> ItemSpec:
    elements = guide(
        audiences=["legal_person", "person"],
        depth=3,
        statutory=45,
        promised=20,
        delivery=("window",),
        conditions="直接从江河、湖泊或者地下取用水资源，取水符合流域和区域水资源规划及用水总量控制要求。",
        result="licence",
        result_name="取水许可证（电子证照）",
        materials=[
            material("取水许可申请书"),
            BUSINESS_LICENCE,
            material(
                "建设项目水资源论证报告书（表）", source="intermediary", source_note="水资源论证单位编制"
            ),
            material("与第三者利害关系的相关说明", condition="取水涉及第三者利害关系的"),
        ],
        steps=standard_steps("审查水资源论证报告，组织专家评审和现场核查", 12, 5),
        themes=["construction", "environment"],
        intermediary="建设项目水资源论证报告编制",
    )
    return ItemSpec(
        "010110000034",
        "取水许可",
        "01",
        "《中华人民共和国水法》第七条、第四十八条；《取水许可和水资源费征收管理条例》第二条、第二十一条",
        "水行政主管部门",
        "water",
        ("county",),
        elements,
        popularity=15,
    )


def _logging_permit() -> ItemSpec:
    elements = guide(
        audiences=["person", "legal_person"],
        depth=4,
        statutory=20,
        promised=5,
        delivery=("online", "window"),
        conditions="采伐林地上的林木，符合采伐限额和技术规程；林木权属清楚。",
        result="licence",
        result_name="林木采伐许可证",
        materials=[
            material("林木采伐申请表", form="electronic"),
            issued("林权证明（不动产权证书或林权证）", "不动产登记机构", original="copy"),
            material(
                "伐区调查设计文件",
                condition="采伐蓄积量较大按规定需要伐区设计的",
                source="intermediary",
                source_note="具有资质的调查设计单位出具",
            ),
        ],
        steps=standard_steps("核对采伐限额，必要时现场查验", 2, 1),
        themes=["environment"],
    )
    return ItemSpec(
        "010120000035",
        "林木采伐许可证核发",
        "01",
        "《中华人民共和国森林法》第五十六条、第五十七条",
        "林业主管部门",
        "forestry",
        ("county",),
        elements,
        popularity=100,
    )


def _pollutant_permit() -> ItemSpec:
    elements = guide(
        audiences=["legal_person"],
        depth=5,
        statutory=20,
        promised=15,
        appointment=False,
        delivery=("online",),
        conditions="纳入固定污染源排污许可分类管理名录的排污单位，依法取得环境影响评价审批（备案），污染防治设施和排放符合要求。",
        result="licence",
        result_name="排污许可证",
        materials=[
            material("排污许可证申请表", form="electronic"),
            material("自行监测方案", form="electronic"),
            material("守法承诺书", form="electronic"),
            material("排污口和监测孔规范化设置情况说明", form="electronic"),
            issued(
                "建设项目环境影响评价文件审批文号", "生态环境主管部门", condition="属于新建、改建、扩建项目的"
            ),
        ],
        steps=standard_steps(
            "在全国排污许可证管理信息平台审查，必要时现场核查", 10, 3, deliver="核发排污许可证"
        ),
        themes=["environment"],
        prerequisites=(EIA_APPROVAL,),
    )
    return ItemSpec(
        "010100000036",
        "排污许可",
        "01",
        "《中华人民共和国环境保护法》第四十五条；《排污许可管理条例》第二条、第十一条、第十三条",
        "生态环境主管部门",
        "ecology",
        ("city",),
        elements,
        popularity=30,
    )


def _eia_approval() -> ItemSpec:
    elements = guide(
        audiences=["legal_person"],
        depth=4,
        statutory=60,
        promised=30,
        delivery=("online", "window"),
        conditions="依法应当编制环境影响报告书、报告表的建设项目，符合生态环境分区管控和相关规划要求。",
        result="document",
        result_name="环境影响报告书审批意见",
        materials=[
            material("建设项目环境影响评价文件审批申请表", form="electronic"),
            material("环境影响报告书", source="intermediary", source_note="环评单位编制"),
            material("公众参与说明", form="electronic"),
        ],
        steps=standard_steps("技术评估、公示并审查", 20, 5, accept_days=2),
        themes=["environment", "construction"],
        intermediary="建设项目环境影响报告书（表）编制",
    )
    form = {
        "statutory_limit": 30,
        "promised_limit": 15,
        "result_name": "环境影响报告表审批意见",
        "materials": [
            elements["materials"][0],
            material("环境影响报告表", source="intermediary", source_note="环评单位编制"),
        ],
        "steps": standard_steps("技术评估、公示并审查", 9, 3, accept_days=1),
    }
    return ItemSpec(
        "010100000037",
        "建设项目环境影响评价审批",
        "01",
        "《中华人民共和国环境影响评价法》第二十二条；《建设项目环境保护管理条例》第九条",
        "生态环境主管部门",
        "ecology",
        ("city",),
        elements,
        handling=(
            Handling("01", "环境影响报告书审批", {}, 20),
            Handling("02", "环境影响报告表审批", form, 40),
        ),
    )


def _road_freight() -> ItemSpec:
    elements = guide(
        audiences=["legal_person", "person"],
        depth=4,
        statutory=20,
        promised=5,
        delivery=("online", "window"),
        conditions="有与其经营业务相适应并经检测合格的车辆；有符合规定条件的驾驶人员；有健全的安全生产管理制度。"
        "（使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需申请。）",
        result="licence",
        result_name="道路运输经营许可证",
        materials=[
            material("道路货物运输经营申请表", form="electronic"),
            BUSINESS_LICENCE,
            material("拟投入车辆承诺书（含车辆数量、类型、技术性能）", form="electronic"),
            material("聘用或者拟聘用驾驶员的机动车驾驶证、从业资格证", original="copy"),
            material("安全生产管理制度文本"),
        ],
        steps=standard_steps("审查车辆、驾驶员和安全制度", 2, 1),
        themes=["transport-business"],
    )
    return ItemSpec(
        "010080000024",
        "道路货物运输经营许可",
        "01",
        "《中华人民共和国道路运输条例》第二十一条、第二十四条",
        "交通运输主管部门",
        "transport",
        ("county",),
        elements,
        popularity=80,
    )


def _invoice_limit() -> ItemSpec:
    elements = guide(
        level="L3",
        audiences=["legal_person"],
        depth=5,
        statutory=20,
        promised=1,
        appointment=False,
        delivery=("online",),
        conditions="增值税一般纳税人（含数电发票试点纳税人）申请增值税专用发票最高开票限额；最高开票限额不超过十万元的，"
        "主管税务机关不需事前实地查验，即时办结。",
        result="document",
        result_name="准予税务行政许可决定书",
        materials=[
            material("税务行政许可申请表", form="electronic"),
            material("经办人身份证件", source="government", source_note="公安机关"),
            AGENT,
        ],
        steps=[
            step("申请", "通过电子税务局提交", 0, "纳税人"),
            step("受理审核", "核对纳税人信息，必要时实地查验", 1, "主管税务机关"),
            step("决定", "作出准予或不予许可决定并送达", 0, "主管税务机关"),
        ],
        themes=["tax"],
    )
    return ItemSpec(
        "010140000038",
        "增值税专用发票（增值税税控系统）最高开票限额审批",
        "01",
        "《国务院对确需保留的行政审批项目设定行政许可的决定》（国务院令第412号）附件第236项",
        "税务机关",
        "tax",
        ("county",),
        elements,
        popularity=150,
    )


def _invoice_issue() -> ItemSpec:
    elements = guide(
        audiences=["legal_person", "person"],
        depth=5,
        statutory=None,
        promised=0,
        appointment=False,
        delivery=("online",),
        conditions="依法办理税务登记（信息确认）的单位和个人，在领取营业执照后需要使用发票的。",
        result="other",
        result_name="发票领用（数电发票开票额度）",
        materials=[material("经办人身份证件", source="government", source_note="公安机关")],
        steps=[
            step("申请", "通过电子税务局申请", 0, "纳税人"),
            step("核定", "系统自动核定发票种类和开票额度", 0, "主管税务机关"),
        ],
        themes=["tax", "open-business"],
    )
    return ItemSpec(
        "200140000039",
        "发票领用",
        "20",
        "《中华人民共和国发票管理办法》第十五条",
        "税务机关",
        "tax",
        ("county",),
        elements,
        popularity=400,
    )


def _provincial_items() -> list[ItemSpec]:
    device = guide(
        audiences=["legal_person"],
        depth=4,
        statutory=20,
        promised=15,
        delivery=("online", "courier"),
        conditions="境内第二类医疗器械注册申请人，已完成产品检验、临床评价，质量管理体系符合要求。",
        result="licence",
        result_name="医疗器械注册证",
        materials=[
            material("医疗器械注册申请表", form="electronic"),
            BUSINESS_LICENCE,
            material("产品风险分析资料、产品技术要求", form="electronic"),
            material("产品检验报告", source="intermediary", source_note="医疗器械检验机构出具"),
            material("临床评价资料", form="electronic"),
        ],
        steps=standard_steps("技术审评（另计）后审查审评意见", 10, 3, accept_days=2),
        themes=["market-access"],
    )
    wholesale = guide(
        audiences=["legal_person"],
        depth=4,
        statutory=20,
        promised=15,
        delivery=("online", "courier"),
        conditions="有依法经过资格认定的药师或者其他药学技术人员，有与所经营药品相适应的营业场所、仓储设施和质量管理机构，"
        "符合药品经营质量管理规范。",
        result="licence",
        result_name="药品经营许可证（批发）",
        materials=[
            material("药品经营许可证申请表", form="electronic"),
            BUSINESS_LICENCE,
            material("质量管理文件目录及仓储设施设备目录"),
            material("企业负责人、质量负责人学历、执业资格证明", original="copy"),
        ],
        steps=standard_steps("审查材料并组织现场检查", 9, 3),
        themes=["market-access"],
    )
    construction = guide(
        audiences=["legal_person"],
        depth=5,
        statutory=20,
        promised=15,
        appointment=False,
        delivery=("online",),
        conditions="具有法人资格，有符合规定的净资产、注册建造师及其他专业技术人员、技术装备和工程业绩。",
        result="licence",
        result_name="建筑业企业资质证书（电子证书）",
        materials=[
            material("建筑业企业资质申请表", form="electronic"),
            BUSINESS_LICENCE,
            material("企业净资产证明（财务审计报告）", source="intermediary", source_note="会计师事务所出具"),
            material("注册建造师等人员的注册证书及社保缴纳证明", form="electronic"),
        ],
        steps=standard_steps("专家评审并公示", 10, 3),
        themes=["construction", "market-access"],
    )
    return [
        ItemSpec(
            "010180000041",
            "第二类医疗器械产品注册",
            "01",
            "《医疗器械监督管理条例》第十三条、第十四条",
            "药品监督管理部门",
            "drugs",
            ("province",),
            device,
            popularity=10,
        ),
        ItemSpec(
            "010180000042",
            "药品批发企业经营许可",
            "01",
            "《中华人民共和国药品管理法》第五十一条",
            "药品监督管理部门",
            "drugs",
            ("province",),
            wholesale,
            popularity=10,
        ),
        ItemSpec(
            "010060000043",
            "建筑业企业资质核准",
            "01",
            "《中华人民共和国建筑法》第十三条；《建筑业企业资质管理规定》",
            "住房和城乡建设主管部门",
            "housing",
            ("province",),
            construction,
            popularity=40,
        ),
    ]


def enterprise_items() -> list[ItemSpec]:
    return [
        _individual_business(),
        _company(),
        _food_business(),
        _retail_pharmacy(),
        _special_equipment(),
        _public_hygiene(),
        _medical_institution(),
        _property_registration(),
        _housing_fund_registration(),
        _building_permit(),
        _planning_permit(),
        _site_selection(),
        _fire_design_review(),
        _water_permit(),
        _logging_permit(),
        _pollutant_permit(),
        _eia_approval(),
        _road_freight(),
        _invoice_limit(),
        _invoice_issue(),
        *_provincial_items(),
    ]
