using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Tickets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "xf_case_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseKind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    User = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    FromStatus = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    ToStatus = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    Note = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Data = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_case_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "xf_complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TicketId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    TicketNumber = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    RequestKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ProcurementUnitId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ProcurementUnit = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Category = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    EnterpriseResponse = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    CoordinatorOpinion = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    UserConfirmation = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Rounds = table.Column<int>(type: "int", nullable: false),
                    StepDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_complaints", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_number_sequences",
                columns: table => new
                {
                    Key = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Last = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_number_sequences", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "xf_procurement_units",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CityCode = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    CountyCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    IntegratorId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_procurement_units", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "xf_rule_sets",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Scope = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Json = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_rule_sets", x => new { x.Kind, x.Scope });
                });

            migrationBuilder.CreateTable(
                name: "xf_tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    RequestKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ExternalId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ProcurementUnitId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ProcurementUnit = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ContactName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ContactPhone = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    ContactEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    CityCode = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    CountyCode = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: false),
                    Address = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: true),
                    ProductCategory = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    ProductVendor = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ProductModel = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Cpu = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Os = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Impact = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Grade = table.Column<string>(type: "nvarchar(2)", maxLength: 2, nullable: true),
                    GradeExplanation = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    GradeOverride = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    IntegratorId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    VendorId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    TechnicianId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    TechnicianUser = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    TechnicianName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ServicePointId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ServicePointCounty = table.Column<string>(type: "nvarchar(6)", maxLength: 6, nullable: true),
                    DispatchExplanation = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Status = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    CheckInAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CheckInLocation = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RemoteHandled = table.Column<bool>(type: "bit", nullable: false),
                    Resolution = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    CitedArticles = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    FirstTimeFix = table.Column<bool>(type: "bit", nullable: false),
                    ReopenCount = table.Column<int>(type: "int", nullable: false),
                    Satisfaction = table.Column<int>(type: "int", nullable: true),
                    FeedbackComment = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClocksJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ResponseDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    OnSiteDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ResolutionDueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Breached = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_xf_tickets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_xf_case_events_CaseId",
                table: "xf_case_events",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_xf_complaints_CityCode_Status",
                table: "xf_complaints",
                columns: new[] { "CityCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_complaints_CreatedBy_RequestKey",
                table: "xf_complaints",
                columns: new[] { "CreatedBy", "RequestKey" },
                unique: true,
                filter: "[CreatedBy] IS NOT NULL AND [RequestKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_xf_complaints_InstanceId",
                table: "xf_complaints",
                column: "InstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_complaints_Number",
                table: "xf_complaints",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_complaints_TicketId",
                table: "xf_complaints",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_xf_procurement_units_Name",
                table: "xf_procurement_units",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_CityCode_Status",
                table: "xf_tickets",
                columns: new[] { "CityCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_CreatedAt",
                table: "xf_tickets",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_CreatedBy_RequestKey",
                table: "xf_tickets",
                columns: new[] { "CreatedBy", "RequestKey" },
                unique: true,
                filter: "[CreatedBy] IS NOT NULL AND [RequestKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_InstanceId",
                table: "xf_tickets",
                column: "InstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_IntegratorId_Status",
                table: "xf_tickets",
                columns: new[] { "IntegratorId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_Number",
                table: "xf_tickets",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_ProcurementUnitId",
                table: "xf_tickets",
                column: "ProcurementUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_xf_tickets_TechnicianUser",
                table: "xf_tickets",
                column: "TechnicianUser");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "xf_case_events");

            migrationBuilder.DropTable(
                name: "xf_complaints");

            migrationBuilder.DropTable(
                name: "xf_number_sequences");

            migrationBuilder.DropTable(
                name: "xf_procurement_units");

            migrationBuilder.DropTable(
                name: "xf_rule_sets");

            migrationBuilder.DropTable(
                name: "xf_tickets");
        }
    }
}
