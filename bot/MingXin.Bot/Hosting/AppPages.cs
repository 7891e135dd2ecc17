namespace MingXin.Bot.Hosting;

/// <summary>
/// The privacy statement and terms of use the Teams app package links to (its manifest requires
/// both), bilingual, served by the bot itself so the links always resolve.
/// </summary>
public static class AppPages
{
    public const string Privacy = """
        明新客服助手 · 隐私说明 / MingXin customer service · Privacy

        本应用由明新印刷制品（深圳）自行运营，仅供本厂员工在 Microsoft Teams 中处理《客户服务管理程序》MX-QM-03 的表单。
        保存的内容：员工在 Teams 中的姓名与 Entra 标识、所在岗位，以及员工在表单中填写的内容（客户、报价、订单、投诉等）和每一步的审核记录（谁、何时、做了什么）。
        这些记录保存在本厂自己的 Azure 存储账户中，不提供给第三方；按 ISO 9001 记录控制要求保存，不删除，只能注明原因后作废。
        如有疑问，请联系本厂 IT 或管理者代表。

        This app is operated by Mingxin Printing Products (Shenzhen) for its own staff, to run the forms of
        procedure MX-QM-03 in Microsoft Teams. It keeps: staff names, Entra ids and positions as Teams and the
        directory give them; what staff enter in the forms (customers, quotations, orders, complaints, ...);
        and an audit trail of every step (who, when, what). The records stay in the factory's own Azure
        storage account and are not shared with third parties. As ISO 9001 quality records they are kept,
        never deleted, only cancelled with a reason. Questions: the factory's IT or management representative.
        """;

    public const string Terms = """
        明新客服助手 · 使用条款 / MingXin customer service · Terms of use

        仅限明新员工因工作使用。在卡片上的审批、答复和签收与纸质表单上的签字具有同等效力，并记录在案。
        For Mingxin staff, for their work only. Approvals, answers and sign-offs given on the cards count as
        the signature on the paper form they replace, and are recorded as such.
        """;
}
