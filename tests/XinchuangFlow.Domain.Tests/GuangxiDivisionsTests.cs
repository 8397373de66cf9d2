using XinchuangFlow.Domain.Network;

namespace XinchuangFlow.Domain.Tests;

public class GuangxiDivisionsTests
{
    private static readonly GuangxiDivisions G = GuangxiDivisions.Shipped;

    [Fact]
    public void Shipped_Has14CitiesAnd111CountiesEachUnderItsCity()
    {
        Assert.Equal(14, G.Cities.Count);
        Assert.Equal(111, G.Counties.Count);
        Assert.Equal("南宁市", G.Find("4501")!.Name);
        Assert.All(G.Counties, c => Assert.StartsWith(c.ParentCode, c.Code));
        Assert.Equal(G.Counties.Count, G.Cities.Sum(c => G.CountiesOf(c.Code).Count));
        // The 2022 changes the plan relies on are present.
        foreach (var name in new[] { "横州市", "荔浦市", "田阳区", "平果市" })
            Assert.Contains(G.Counties, c => c.Name == name);
    }

    [Fact]
    public void SameCity_ComparesPrefectureLevelCities()
    {
        var qingxiu = G.Counties.Single(c => c.Name == "青秀区").Code;
        var hengzhou = G.Counties.Single(c => c.Name == "横州市").Code;
        var lipu = G.Counties.Single(c => c.Name == "荔浦市").Code;
        Assert.True(G.SameCity(qingxiu, hengzhou));   // both 南宁市
        Assert.True(G.SameCity(qingxiu, "4501"));
        Assert.False(G.SameCity(qingxiu, lipu));      // 荔浦市 is in 桂林市
        Assert.Equal("4503", G.CityOf(lipu)!.Code);
        Assert.False(G.SameCity(qingxiu, "999999"));
        Assert.Null(G.CityOf("999999"));
    }

    [Fact]
    public void OtherCitiesByDistance_NearestFirst()
    {
        var fromNanning = G.OtherCitiesByDistance("4501").Select(c => c.Name).ToList();
        Assert.Equal(13, fromNanning.Count);
        Assert.DoesNotContain("南宁市", fromNanning);
        Assert.Equal("钦州市", fromNanning[0]);
        Assert.Equal(["梧州市", "桂林市"], G.OtherCitiesByDistance("4511").Take(2).Select(c => c.Name));  // from 贺州市
        Assert.InRange(G.DistanceKm("4501", "4503"), 300, 420);
        Assert.Equal(0, G.DistanceKm("4501", "450103"));
    }

    [Fact]
    public void Load_InconsistentData_ClearError()
    {
        var ex = Assert.Throws<InvalidDataException>(() => GuangxiDivisions.Load(
            "level,code,name,parent_code\ncity,4501,南宁市,45\ncounty,450299,某县,4501\n", "code,name,lat,lon\n4501,南宁市,22.82,108.32\n"));
        Assert.Contains("450299", ex.Message);
        Assert.Throws<InvalidDataException>(() => GuangxiDivisions.Load("level,code,name,parent_code\ntown,1,x,2\n", "code,name,lat,lon\n"));
    }
}
