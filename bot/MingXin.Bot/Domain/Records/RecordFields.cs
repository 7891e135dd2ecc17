using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Organization;

namespace MingXin.Bot.Domain.Records;

/// <summary>One field of a record as an auditor reads it: a label in the company's words and the value as text.</summary>
public sealed record RecordField(string Path, string Label, string Value);

/// <summary>
/// Lays out every field a form stores, for the record card and the export: the stored state is
/// walked in order, nested parts and list entries get numbered labels (<c>成本核算表版本 2 · 单价</c>),
/// a person is their name, times are in factory time. Only the machinery's own bookkeeping (card
/// history, redelivery memory, the clock of the current step) is left out; the audit trail shows it.
/// </summary>
public static class RecordFields
{
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.OrdinalIgnoreCase)
    {
        "history", "recentActivityIds", "version", "sla", "intakeKey", "intakeId",
    };

    private static readonly Dictionary<string, (string Zh, string En)> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = ("编号", "No."),
        ["originator"] = ("发起人", "Originator"),
        ["createdAt"] = ("创建时间", "Created"),
        ["status"] = ("状态", "Status"),
        ["cancelReason"] = ("取消原因", "Cancellation reason"),
        ["customerName"] = ("客户", "Customer"),
        ["customerId"] = ("客户编号", "Customer no."),
        ["product"] = ("产品", "Product"),
        ["specification"] = ("规格", "Specification"),
        ["quantity"] = ("数量", "Quantity"),
        ["deliveryDate"] = ("交期", "Delivery date"),
        ["request"] = ("报价要求", "Request"),
        ["versions"] = ("成本核算表版本", "Cost sheet version"),
        ["lines"] = ("成本项", "Cost line"),
        ["reviewRounds"] = ("合同评审", "Contract review round"),
        ["gmDecisions"] = ("总经理审批", "GM decision"),
        ["sent"] = ("报价发出", "Quotation sent"),
        ["confirmation"] = ("客户确认", "Customer confirmation"),
        ["objections"] = ("客户异议", "Customer objection"),
        ["order"] = ("订单", "Order"),
        ["quotation"] = ("报价单", "Quotation"),
        ["notice"] = ("生产通知单", "Production Notice"),
        ["answer"] = ("生产答复", "Production answer"),
        ["answerClock"] = ("两小时答复时限", "Two-hour answer clock"),
        ["breachedAt"] = ("超时时间", "Breached at"),
        ["permissions"] = ("客户同意改期", "Customer permission"),
        ["contacts"] = ("内部联络单", "Internal Contact Form"),
        ["usedBy"] = ("使用的生产通知单", "Used by Production Notices"),
        ["registeredMaterials"] = ("客供品（登记）", "Customer property (registered)"),
        ["clerkBy"] = ("业务跟单员", "Follow-up clerk"),
        ["clerkNote"] = ("跟单员说明", "Clerk's note"),
        ["contactId"] = ("内部联络单", "Internal Contact Form"),
        ["mode"] = ("两小时规则", "Two-hour rule"),
        ["inProduction"] = ("生产中", "In production"),
        ["noticeId"] = ("生产通知单", "Production Notice"),
        ["address"] = ("送货地址", "Delivery address"),
        ["deliveryAddress"] = ("客户送货地址", "Customer's delivery address"),
        ["carrier"] = ("承运人或车牌号", "Carrier or vehicle"),
        ["inspections"] = ("出货检验", "Outgoing inspection"),
        ["passed"] = ("合格", "Passed"),
        ["shipment"] = ("出货", "Shipment"),
        ["shipments"] = ("出货（送货单）", "Shipment (Delivery Note)"),
        ["shippedOn"] = ("出货日期", "Shipped on"),
        ["dueOn"] = ("生效交期", "Delivery date in force"),
        ["daysLate"] = ("逾期天数", "Days late"),
        ["deliveryNote"] = ("送货单", "Delivery Note"),
        ["receipt"] = ("客户签收", "Customer's receipt"),
        ["remarks"] = ("客户意见", "Remarks"),
        ["restCancelled"] = ("取消未交数量", "Rest cancelled"),
        ["onTimeDelivery"] = ("准时交货率", "On-time delivery"),
        ["shipmentsOnTime"] = ("准时出货", "Shipped on time"),
        ["lateShipments"] = ("逾期出货", "Late shipments"),
        ["quantityAccepted"] = ("实收数量", "Quantity accepted"),
        ["announced"] = ("通知退货数量", "Announced"),
        ["complaint"] = ("投诉 / 改善措施", "Complaint / corrective action"),
        ["files"] = ("照片或文件", "Photos or files"),
        ["findings"] = ("检验结果", "QC's findings"),
        ["dispositions"] = ("处理", "Disposition"),
        ["amount"] = ("折让金额（CNY）", "Credit (CNY)"),
        ["credit"] = ("总经理折让审批", "GM's credit decision"),
        ["needsGm"] = ("须总经理批准", "Needs the GM"),
        ["returnedStock"] = ("退货良品入库", "Returned goods restocked"),
        ["returnId"] = ("退货单", "Customer Return"),
        ["shipped"] = ("出货数量", "Shipped"),
        ["returnRate"] = ("退货率", "Return rate"),
        ["openReturns"] = ("未结退货", "Open returns"),
        ["returnsRegistered"] = ("退货登记", "Returns registered"),
        ["piecesReturned"] = ("退货件数", "Pieces returned"),
        ["lateAfter"] = ("两小时期限", "Two-hour deadline"),
        ["risks"] = ("交期风险", "At risk"),
        ["atRisk"] = ("交期风险", "At risk"),
        ["refusal"] = ("客户不同意", "Customer refusal"),
        ["refusedBy"] = ("客户拒绝人", "Refused by"),
        ["customers"] = ("各客户答复", "Customer answers"),
        ["notices"] = ("生产通知单", "Production Notices"),
        ["amendments"] = ("订单修正", "Amendment"),
        ["details"] = ("投诉内容", "Complaint"),
        ["description"] = ("描述", "Description"),
        ["quantityAffected"] = ("不良数量", "Quantity affected"),
        ["customerOrder"] = ("客户订单号", "Customer PO"),
        ["severity"] = ("严重程度", "Severity"),
        ["channel"] = ("来源方式", "Received by"),
        ["reference"] = ("相关单号", "Reference"),
        ["assignedTo"] = ("责任部门", "Assigned to"),
        ["acknowledged"] = ("接收确认", "Acknowledged"),
        ["containment"] = ("临时措施", "Containment"),
        ["analyses"] = ("原因分析", "Root-cause analysis"),
        ["whys"] = ("为什么", "Why"),
        ["category"] = ("原因类别", "Cause category"),
        ["rootCause"] = ("根本原因", "Root cause"),
        ["actions"] = ("措施", "Action"),
        ["owner"] = ("负责岗位", "Owner"),
        ["due"] = ("完成期限", "Due"),
        ["done"] = ("完成确认", "Done"),
        ["verifications"] = ("效果验证", "Verification"),
        ["effective"] = ("有效", "Effective"),
        ["reopened"] = ("重新分析次数", "Times reopened"),
        ["reply"] = ("回复客户", "Reply to the customer"),
        ["closedAt"] = ("结案时间", "Closed"),
        ["receivedOn"] = ("收到日期", "Received on"),
        ["source"] = ("来源", "Source"),
        ["comment"] = ("意见", "Comment"),
        ["comments"] = ("意见", "Comments"),
        ["reason"] = ("原因", "Reason"),
        ["note"] = ("备注", "Note"),
        ["notes"] = ("备注", "Notes"),
        ["by"] = ("经手人", "By"),
        ["at"] = ("时间", "At"),
        ["name"] = ("姓名", "Name"),
        ["title"] = ("标题", "Title"),
        ["steps"] = ("审批步骤", "Step"),
        ["slaNotices"] = ("提醒与升级", "Reminder or escalation"),
        ["level"] = ("级别", "Level"),
        ["names"] = ("通知对象", "Notified"),
        ["step"] = ("步骤", "Step"),
        ["item"] = ("物品", "Item"),
        ["type"] = ("类别", "Type"),
        ["unit"] = ("单位", "Unit"),
        ["location"] = ("存放位置", "Storage location"),
        ["movements"] = ("收发记录", "Movement"),
        ["reports"] = ("通知客户", "Report to the customer"),
        ["reportedTo"] = ("通知对象", "Reported to"),
        ["reportedOn"] = ("通知日期", "Reported on"),
        ["via"] = ("方式", "How"),
        ["period"] = ("调查期间", "Survey period"),
        ["respondent"] = ("客户填表人", "Respondent"),
        ["scores"] = ("评分", "Scores"),
        ["delivery"] = ("交期", "Delivery"),
        ["service"] = ("服务", "Service"),
        ["price"] = ("价格", "Price"),
        ["communication"] = ("沟通", "Communication"),
        ["quality"] = ("品质", "Quality"),
        ["correctiveAction"] = ("改善措施表", "Corrective action"),
        ["phones"] = ("电话", "Phone"),
        ["emails"] = ("电子邮件", "E-mail"),
        ["attachments"] = ("附件", "Attachment"),
        ["evaluation"] = ("客户要求评估", "Evaluation of the requirements"),
        ["priceDecision"] = ("总经理单价决定", "GM's price decision"),
        ["returnExpected"] = ("需记录回传", "Return to be recorded"),
        ["returned"] = ("盖章回传客户", "Stamped and returned"),
        ["on"] = ("日期", "Date"),
        ["fileType"] = ("文件类型", "File type"),
        ["size"] = ("大小（字节）", "Size (bytes)"),
        ["uniqueId"] = ("文件编号", "File id"),
        ["messages"] = ("原始记录", "Original message"),
        ["datesMentioned"] = ("提到的日期", "Date mentioned"),
        ["unitPrice"] = ("单价", "Unit price"),
        ["total"] = ("金额", "Total"),
        ["margin"] = ("利润率", "Margin"),
        ["productionTicket"] = ("生产传票", "Production Ticket"),
        ["stockOnHand"] = ("库存数量", "Stock on hand"),
        ["goodStock"] = ("良品库存", "Good stock"),
        ["customerMaterials"] = ("客供料", "Customer-supplied materials"),
        ["proposedDate"] = ("建议交期", "Proposed date"),
        ["agreedDate"] = ("客户同意交期", "Agreed date"),
        ["agreedBy"] = ("客户同意人", "Agreed by"),
        ["field"] = ("修正项目", "Field"),
        ["oldValue"] = ("原内容", "From"),
        ["newValue"] = ("新内容", "To"),
        ["accepted"] = ("验收合格", "Accepted"),
        ["action"] = ("动作", "Action"),
        ["actorName"] = ("经手人", "By"),
        ["affectedNotices"] = ("受影响的生产通知单", "Production Notices held up"),
        ["agreedOn"] = ("客户同意日期", "Agreed on"),
        ["amendmentId"] = ("订单修正通知单号", "Amendment No."),
        ["answeredOn"] = ("客户回复日期", "Answered on"),
        ["answers"] = ("答复", "Answers"),
        ["approved"] = ("批准", "Approved"),
        ["average"] = ("平均分", "Average"),
        ["averageDays"] = ("平均天数", "Average days"),
        ["belowThreshold"] = ("低于标准的项目", "Below the threshold"),
        ["byAge"] = ("按等待时间", "By age"),
        ["checks"] = ("品管检验", "QC check"),
        ["chineseName"] = ("中文名", "Chinese name"),
        ["clerkSignature"] = ("业务跟单员签收", "Follow-up clerk's signature"),
        ["closed"] = ("已结案", "Closed"),
        ["closure"] = ("结案用时", "Time to close"),
        ["complaintsClosed"] = ("结案投诉", "Complaints closed"),
        ["complaintsRegistered"] = ("登记投诉", "Complaints registered"),
        ["confirmed"] = ("已确认", "Confirmed"),
        ["consent"] = ("客户同意", "Customer's consent"),
        ["content"] = ("内容", "Content"),
        ["cost"] = ("成本", "Cost"),
        ["currentStep"] = ("当前步骤", "Current step"),
        ["customer"] = ("客户", "Customer"),
        ["customerOrderNumber"] = ("客户订单号", "Customer order No."),
        ["customerSchedule"] = ("客户交货计划", "Customer's delivery schedule"),
        ["data"] = ("数据", "Data"),
        ["decidedAt"] = ("决定时间", "Decided at"),
        ["decidedBy"] = ("决定人", "Decided by"),
        ["decision"] = ("决定", "Decision"),
        ["decisionNote"] = ("决定说明", "Decision note"),
        ["decisions"] = ("决定", "Decision"),
        ["definition"] = ("定义", "Definition"),
        ["department"] = ("部门", "Department"),
        ["differenceNote"] = ("差异说明", "Difference explained"),
        ["doneNote"] = ("完成说明", "Done note"),
        ["dueAt"] = ("期限", "Due at"),
        ["dueDate"] = ("要求完成日期", "Due date"),
        ["englishName"] = ("英文名", "English name"),
        ["expectedDate"] = ("供应商预计到料日期", "Expected from the supplier"),
        ["feasibility"] = ("评审结论", "Feasibility"),
        ["figures"] = ("数据", "Figures"),
        ["fixedCost"] = ("固定成本", "Fixed cost"),
        ["forVersion"] = ("针对版本", "For version"),
        ["formKind"] = ("表单类别", "Form"),
        ["from"] = ("自", "From"),
        ["gmComment"] = ("总经理意见", "GM's comment"),
        ["inspection"] = ("验收", "Inspection"),
        ["isRepeatOrder"] = ("返单", "Repeat order"),
        ["key"] = ("键", "Key"),
        ["kind"] = ("类别", "Kind"),
        ["lastWeekTwoHour"] = ("上周两小时答复", "Two-hour rule last week"),
        ["late"] = ("超时", "Late"),
        ["levels"] = ("级别时间", "Levels"),
        ["made"] = ("样品完成", "Samples made"),
        ["marginPercent"] = ("利润率 %", "Margin %"),
        ["matches"] = ("与报价一致", "Matches the quotation"),
        ["material"] = ("物料", "Material"),
        ["method"] = ("方式", "Method"),
        ["month"] = ("月份", "Month"),
        ["movement"] = ("收发记录号", "Movement"),
        ["no"] = ("序号", "No."),
        ["notSurveyed"] = ("本期未调查的客户", "Customers not yet surveyed"),
        ["number"] = ("编号", "Number"),
        ["ok"] = ("合格", "OK"),
        ["oldDate"] = ("原交期", "Old date"),
        ["onTime"] = ("准时", "On time"),
        ["open"] = ("未结", "Open"),
        ["ordered"] = ("订单数量", "Ordered"),
        ["outcome"] = ("结果", "Outcome"),
        ["passedToSalesBy"] = ("转业务部者", "Passed to Sales by"),
        ["path"] = ("评审路径", "Path"),
        ["pending"] = ("待答复", "Pending"),
        ["permission"] = ("客户许可", "Customer's permission"),
        ["person"] = ("人员", "Person"),
        ["planner"] = ("生管执行", "Production planner"),
        ["point"] = ("项目", "Point"),
        ["points"] = ("核对项目", "Points"),
        ["position"] = ("岗位", "Position"),
        ["prices"] = ("价格", "Price"),
        ["problem"] = ("问题", "Problem"),
        ["productionManager"] = ("生产经理确认", "Production manager"),
        ["qualityRequirements"] = ("品质要求", "Quality requirements"),
        ["quantities"] = ("报价数量", "Quantities"),
        ["quotationId"] = ("报价单号", "Quotation No."),
        ["quoted"] = ("报价", "Quoted"),
        ["reachedProductionAt"] = ("到达生产部时间", "Reached Production at"),
        ["received"] = ("收到", "Received"),
        ["recipientName"] = ("客户签收人", "Received by (customer)"),
        ["recordedBy"] = ("记录人", "Recorded by"),
        ["rejectReason"] = ("不同意原因", "Reason refused"),
        ["remindAt"] = ("提醒时间", "Reminder at"),
        ["remindedAt"] = ("已提醒时间", "Reminded at"),
        ["repliedOn"] = ("回复日期", "Replied on"),
        ["repliedTo"] = ("回复对象", "Replied to"),
        ["requirements"] = ("要求", "Requirements"),
        ["response"] = ("客户答复", "Customer's answer"),
        ["reviewId"] = ("订单评审号", "Order review No."),
        ["round"] = ("轮次", "Round"),
        ["rule"] = ("规则", "Rule"),
        ["salesManager"] = ("业务经理确认", "Sales manager"),
        ["satisfaction"] = ("满意度", "Satisfaction"),
        ["seatKey"] = ("席位", "Seat"),
        ["seats"] = ("审批人", "Approver"),
        ["signedBy"] = ("客户签回人", "Signed by"),
        ["signedOn"] = ("签回日期", "Signed on"),
        ["specialRequirement"] = ("新工艺或特殊要求", "New process or special requirement"),
        ["startedAt"] = ("开始时间", "Started at"),
        ["stockBy"] = ("库存提供人", "Stock card by"),
        ["stockCheckNote"] = ("良品确认说明", "Good-stock note"),
        ["stockCheckedBy"] = ("良品确认人", "Good stock confirmed by"),
        ["submissions"] = ("提交", "Submission"),
        ["supervisorNote"] = ("生产主管说明", "Production supervisor's note"),
        ["supplier"] = ("供应商", "Supplier"),
        ["surveyPeriod"] = ("调查期间", "Survey period"),
        ["surveys"] = ("满意度调查", "Surveys"),
        ["surveysAnswered"] = ("已回复的调查", "Surveys answered"),
        ["text"] = ("内容", "Text"),
        ["threshold"] = ("标准分", "Threshold"),
        ["to"] = ("至", "To"),
        ["twoHour"] = ("两小时答复", "Two-hour rule"),
        ["unitCost"] = ("单位成本", "Unit cost"),
        ["url"] = ("链接", "Link"),
        ["verdict"] = ("结论", "Verdict"),
        ["warehouseSignature"] = ("仓储签收", "Warehouse's signature"),
        ["weekFrom"] = ("周开始", "Week from"),
        ["weekTo"] = ("周结束", "Week to"),
        ["workingTime"] = ("按工作时间", "Working time"),
    };

    /// <summary>
    /// Code names a state stores as values (a channel, a severity, a department, a cause category, a complaint's
    /// step …), shown in the reader's words: a zh-CN record reads 电话 and 严重, not Phone and Critical.
    /// </summary>
    private static readonly Dictionary<string, (string Zh, string En)> CodeValues = BuildCodeValues();

    private static Dictionary<string, (string Zh, string En)> BuildCodeValues()
    {
        var values = new Dictionary<string, (string Zh, string En)>(StringComparer.Ordinal)
        {
            ["Corrective"] = ("纠正措施", "Corrective action"),
            ["Preventive"] = ("预防措施", "Preventive action"),
            ["AwaitingAcknowledgement"] = ("待接收", "Waiting to be taken on"),
            ["RootCause"] = ("原因分析", "Root cause"),
            ["Actions"] = ("制定措施", "Actions"),
            ["Implementation"] = ("措施实施", "Implementation"),
            ["Verification"] = ("效果验证", "Verification"),
            ["AwaitingReply"] = ("待回复客户", "Reply to the customer"),
            ["Closed"] = ("已结案", "Closed"),
            ["Cancelled"] = ("已取消", "Cancelled"),
            ["InProduction"] = ("生产中", "In production"),
            ["PartlyShipped"] = ("部分出货", "Partly shipped"),
            ["Shipped"] = ("已全部出货", "Shipped"),
        };
        void Add<T>(Func<T, Language, string> name)
            where T : struct, Enum
        {
            foreach (var value in Enum.GetValues<T>())
            {
                values[value.ToString()] = (name(value, Language.Chinese), name(value, Language.English));
            }
        }

        Add<Orders.ContactChannel>(Complaints.ComplaintWords.Name);
        Add<Complaints.Severity>(Complaints.ComplaintWords.Name);
        Add<Complaints.ComplaintKind>(Complaints.ComplaintWords.Name);
        Add<Complaints.CauseCategory>(Complaints.ComplaintWords.Name);
        foreach (var d in Enum.GetValues<Department>())
        {
            values[d.ToString()] = (d.Name(Language.Chinese), d.Name(Language.English));
        }

        foreach (var p in Positions.List)
        {
            values[p.ToString()] = (p.Name(Language.Chinese), p.Name(Language.English));
        }

        return values;
    }

    /// <summary>A stored code name (a status, a channel …) in the reader's words; anything else as it is.</summary>
    public static string Word(string code, Language l) => CodeValues.TryGetValue(code, out var named) ? (l == Language.Chinese ? named.Zh : named.En) : code;

    /// <summary>Whether a stored property has a label in the company's words (or is bookkeeping the record leaves out).</summary>
    public static bool IsLabelled(string property) => Labels.ContainsKey(property) || Bookkeeping.Contains(property);

    /// <summary>The fields of a stored state, in order.</summary>
    public static IReadOnlyList<RecordField> Of(JsonObject state, Language l, TimeZoneInfo zone)
    {
        var fields = new List<RecordField>();
        Walk(state, string.Empty, string.Empty, fields, l, zone);
        return fields;
    }

    /// <summary>The fields with the form's own status field saying where it stands in words (<paramref name="status"/>: as its card says it), when known.</summary>
    public static IReadOnlyList<RecordField> WithStatus(IReadOnlyList<RecordField> fields, string? status) =>
        status is null ? fields : fields.Select(f => f.Path == "status" ? f with { Value = status } : f).ToList();

    /// <summary>The label of one property name in the user's language (unknown names are spelled out from the name).</summary>
    public static string Label(string property, Language l) =>
        Labels.TryGetValue(property, out var known) ? (l == Language.Chinese ? known.Zh : known.En) : Spell(property);

    private static void Walk(JsonNode? node, string path, string label, List<RecordField> fields, Language l, TimeZoneInfo zone)
    {
        switch (node)
        {
            case null:
                return;
            case JsonObject o when o.Count == 2 && o["id"] is JsonValue && o["name"] is JsonValue name:
                fields.Add(new RecordField(path, label, Value(name, l, zone)));
                return;
            case JsonObject o:
                foreach (var (key, child) in o)
                {
                    if (path.Length == 0 && Bookkeeping.Contains(key))
                    {
                        continue;
                    }

                    Walk(child, Join(path, key, "."), JoinLabel(label, Label(key, l)), fields, l, zone);
                }

                return;
            case JsonArray a when a.All(x => x is JsonValue):
                if (a.Count > 0)
                {
                    fields.Add(new RecordField(path, label, string.Join(l.Say("；", "; "), a.Select(x => Value((JsonValue)x!, l, zone)))));
                }

                return;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var n = (i + 1).ToString(CultureInfo.InvariantCulture);
                    Walk(a[i], $"{path}[{n}]", $"{label} {n}", fields, l, zone);
                }

                return;
            case JsonValue v:
                fields.Add(new RecordField(path, label, Value(v, l, zone)));
                return;
        }
    }

    private static string Value(JsonValue v, Language l, TimeZoneInfo zone)
    {
        switch (v.GetValueKind())
        {
            case JsonValueKind.True:
                return l.Say("是", "yes");
            case JsonValueKind.False:
                return l.Say("否", "no");
            case JsonValueKind.Number:
                return v.ToJsonString();
            case JsonValueKind.String:
                var s = v.GetValue<string>();
                if (s.Length >= 20 && s[4] == '-' && s[10] == 'T' && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t))
                {
                    return TimeZoneInfo.ConvertTime(t, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                }

                return Word(s, l);
            default:
                return v.ToJsonString();
        }
    }

    private static string Join(string a, string b, string sep) => a.Length == 0 ? b : a + sep + b;

    private static string JoinLabel(string a, string b) => a.Length == 0 ? b : $"{a} · {b}";

    private static string Spell(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i == 0)
            {
                sb.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsUpper(c))
            {
                sb.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
