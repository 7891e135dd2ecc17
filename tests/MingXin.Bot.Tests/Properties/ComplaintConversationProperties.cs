using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Complaints;
using MingXin.Bot.Tests.Domain.Complaints;

namespace MingXin.Bot.Tests.Properties;

/// <summary>
/// Whatever a person types or pastes into a complaint conversation, in any order, the conversation
/// never throws, asks about exactly the first thing still missing, and reaches the confirmation only
/// with every value present and in range. What it holds stays within its limits.
/// </summary>
public sealed class ComplaintConversationProperties
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Answers, corrections, pastes, nonsense and hostile text.</summary>
    private static readonly Gen<string> Message = Gen.OneOf(
        Gen.Elements(
            "", " ", "1", "2", "3", "0", "-5", "99999999999", "很多", "华彩", "华美", "ACME", "acme printing", "Acne Printing", "电话", "fax", "e-mail", "邮件",
            "PN-2026-0001", "SO-2026-0002", "说明书", "Hang tags", "烫金脱落", "barcode misprinted on 1,200 pcs", "不是，客户是美华", "no, the quantity is 250", "数量：abc",
            "severity: critical", "严重程度是 轻微", "客户：", "取消", "cancel", "<at>x</at>", "[link](http://x)", "\u0000\u200b",
            "From: a@acmeprint.hk\nSubject: RE: tags\n\n300 pcs bad\n\nBest regards\nPeter\n-----Original Message-----\nFrom: 华美\n5000 pcs shipped",
            new string('很', 25_000)),
        ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty));

    [Property(MaxTest = 300)]
    public Property A_conversation_never_throws_and_confirms_only_when_complete() =>
        Prop.ForAll(Gen.ArrayOf(Message).ToArbitrary(), messages =>
        {
            var intake = ComplaintIntake.Start("i", "u", "n", Language.Chinese, T0);
            var first = true;
            foreach (var text in messages.Take(12))
            {
                var facts = ComplaintText.Read(text, new DateOnly(2026, 11, 27));
                var references = facts.References.Select(r => new ReferenceInfo(r, r.EndsWith('1'), r.EndsWith('1') ? "深圳华彩包装有限公司" : null, r.EndsWith('1') ? "化妆品礼盒" : null)).ToList();
                var turn = intake.Take(new IntakeMessage(text, facts, references, ComplaintTextTests.Register, [], T0), first);
                first = false;
                var s = intake.State;
                var missing = intake.Missing();
                var consistent = turn.Next switch
                {
                    IntakeNext.Cancelled => !intake.IsOpen,
                    IntakeNext.Confirm => missing.Count == 0 && s.Status == IntakeStatus.Confirming,
                    _ => missing.Count > 0 && turn.Asking == missing[0] && s.Status == IntakeStatus.Collecting,
                };
                var inRange = (s.Quantity is null or (> 0 and <= ComplaintIntake.MaxQuantity))
                    && (s.Description is null || s.Description.Length <= ComplaintIntake.MaxDescriptionLength)
                    && (s.CustomerId is null || ComplaintTextTests.Register.Any(c => c.Id == s.CustomerId))
                    && s.Messages.Count <= ComplaintIntake.MaxMessages && s.Messages.All(m => m.Length <= ComplaintIntake.MaxNoteLength)
                    && s.Phones.Count <= 5 && s.Emails.Count <= 5 && s.Dates.Count <= 5;
                if (!consistent || !inRange)
                {
                    return false;
                }

                if (!intake.IsOpen)
                {
                    break;
                }
            }

            return true;
        });
}
