using MingXin.Bot.Domain;
using MingXin.Bot.Domain.Customers;

namespace MingXin.Bot.Tests.Domain;

public sealed class TypedTextTests
{
    [Theory]
    [InlineData("华美\u200b礼品", "华美礼品")] // zero-width space
    [InlineData("\u202Eabc", "abc")] // right-to-left override
    [InlineData("\uFEFFhelp", "help")] // byte-order mark
    [InlineData("a\u200d\u2060b\u00ad", "ab")] // zero-width joiner, word joiner, soft hyphen
    [InlineData("１２００ 个", "1200 个")] // full-width digits from a Chinese input method
    [InlineData("ＰＯ ＡＣＭ－２２３１", "PO ACM-2231")]
    [InlineData("第一行\n第二行\t完", "第一行\n第二行\t完")] // line breaks and tabs are kept
    public void Typed_text_is_kept_in_its_compatibility_form_without_invisible_characters(string typed, string kept) =>
        Assert.Equal(kept, TypedText.Clean(typed));

    [Fact]
    public void A_customer_name_with_an_invisible_character_is_the_same_customer() =>
        Assert.Equal(Customer.NameKey("华美礼品"), Customer.NameKey("华美\u200b礼品\u202E"));
}
